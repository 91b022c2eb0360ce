/**
 * Core benchmark: `npm run bench` (builds, then runs dist/bench/core.bench.js).
 * Each case is warmed up for 0.3 s, then timed over a fixed number of iterations chosen from the
 * warm-up so that it runs about 0.6 s; the three cases take about 3 s in all.
 */
import type { TransactionLineInput } from '../fdm-api/types.js';
import { checkCommonFields } from '../fdm-input/common-fields.js';
import { Findings } from '../fdm-input/findings.js';
import { burger, dryMartini, fodSamples, lunchMenu } from '../fdm-input/fod-samples.js';
import { validateSignInput } from '../fdm-input/validate-sign-input.js';
import { pluHash, type PluLine } from '../plu/plu-hash.js';

/** Warm-up runs until the JIT has settled: at least this long. */
const warmUpNanoseconds = 300_000_000n;
const warmUpBatch = 100;
const targetNanoseconds = 600_000_000n;
const minIterations = 1_000;
const maxIterations = 5_000_000;

/** Keeps results alive so the engine cannot drop the work being measured. */
let sink = 0;

interface Measurement {
  readonly name: string;
  readonly iterations: number;
  readonly opsPerSecond: number;
  readonly microsecondsPerOp: number;
}

function time(fn: () => number, iterations: number): bigint {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) sink += fn();
  return process.hrtime.bigint() - start;
}

function measure(name: string, fn: () => number): Measurement {
  let warmedUp = 0n;
  let lastBatch = 0n;
  while (warmedUp < warmUpNanoseconds) {
    lastBatch = time(fn, warmUpBatch);
    warmedUp += lastBatch;
  }
  const perOp = lastBatch / BigInt(warmUpBatch) || 1n;
  const iterations = Math.min(maxIterations, Math.max(minIterations, Number(targetNanoseconds / perOp)));
  const elapsed = Number(time(fn, iterations));
  return {
    name,
    iterations,
    opsPerSecond: (iterations * 1e9) / elapsed,
    microsecondsPerOp: elapsed / iterations / 1e3,
  };
}

/** A realistic 8-line restaurant ticket for the C-37 PLU hash: pieces, weight, a correction. */
const pluLines: PluLine[] = [
  { quantity: 2, description: 'Dry Martini', priceCents: 2400, vat: 'A' },
  { quantity: 1, description: 'Burger of the Chef', priceCents: 2800, vat: 'B' },
  { quantity: 4, description: 'Tapas variation', priceCents: 1336, vat: 'B' },
  { quantity: 1, description: 'Perrier', priceCents: 250, vat: 'A' },
  { quantity: 0.75, unit: 'kg', description: 'Gehakt / haché', priceCents: 1049, vat: 'C' },
  { quantity: 1, description: 'Crème brûlée', priceCents: 850, vat: 'B' },
  { quantity: -1, description: 'Perrier', priceCents: -250, vat: 'A' },
  { quantity: 1.5, unit: 'l', description: 'Huiswijn rood', priceCents: 2250, vat: 'A' },
];

/** A 10-line sale: singles, a composite menu, a refund line, a price change. */
function tenLineSale(): typeof fodSamples.signSale {
  const lines: TransactionLineInput[] = [
    dryMartini(),
    burger(),
    lunchMenu,
    dryMartini(1),
    burger(2),
    lunchMenu,
    dryMartini(3),
    {
      ...burger(),
      mainProduct: {
        ...burger().mainProduct,
        vats: [
          {
            label: 'B',
            price: 28,
            priceChanges: [
              { id: '4_10P', name: 'DISCOUNT_10P', scope: 'LINE', type: 'PUBLIC', amount: -2.8 },
            ],
          },
        ],
      },
      lineTotal: 25.2,
    },
    {
      ...dryMartini(1),
      mainProduct: {
        ...dryMartini(1).mainProduct,
        quantity: -1,
        negQuantityReason: 'REFUND',
        vats: [{ label: 'A', price: -12 }],
      },
      lineTotal: -12,
    },
    burger(),
  ];
  const totalCents = lines.reduce((sum, line) => sum + Math.round(line.lineTotal * 100), 0);
  return {
    ...fodSamples.signSale,
    transaction: { transactionLines: lines, transactionTotal: totalCents / 100 },
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: totalCents / 100,
        amountType: 'PAYMENT',
      },
    ],
  };
}

function main(): void {
  const sale = tenLineSale();
  const saleCheck = validateSignInput('signSale', sale);
  if (!saleCheck.ok) throw new Error(`bench sale is invalid: ${JSON.stringify(saleCheck.error)}`);
  const common = fodSamples.signWorkIn;

  const results = [
    measure('pluHash, 8-line ticket', () => pluHash(pluLines).hash.length),
    measure('validateSignInput, 10-line sale', () => (validateSignInput('signSale', sale).ok ? 1 : 0)),
    measure('common block checks (vatNo ... employeeId)', () => {
      const findings = new Findings();
      checkCommonFields(findings, common);
      return findings.count;
    }),
  ];

  console.log('core benchmark (node ' + process.version + ')');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(46)} ${Math.round(r.opsPerSecond).toLocaleString('en-US').padStart(12)} ops/s ` +
        `${r.microsecondsPerOp.toFixed(3).padStart(10)} µs/op  (${r.iterations.toLocaleString('en-US')} iterations)`,
    );
  }
  if (sink === Number.MIN_SAFE_INTEGER) console.log('');
}

main();
