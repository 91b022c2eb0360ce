import { describe, expect, it } from 'vitest';
import type { FdmConfig } from '../state/fdm-state.js';
import { ParameterRefresher, validateParameters, type RefreshedParameters } from './parameter-refresher.js';

const registration = { fdmId: 'FPS03000001', vatNo: 'BE0000000097', estNo: '2000000042' };
const good = {
  ...registration,
  allowedPosIds: ['CPOS0031234567', 'CPOS0039999999'],
  vatRates: [
    { label: 'A', ratePercent: 21, outOfScope: false },
    { label: 'B', ratePercent: 12, outOfScope: false },
  ],
};

describe('validateParameters', () => {
  it('takes a good answer whole', () => {
    const r = validateParameters(good, registration);
    expect(r.ok && r.value).toEqual({
      parameters: { allowedPosIds: good.allowedPosIds, vatRates: good.vatRates, vatRateChanges: [] },
      outcome: {},
    });
  });

  it('takes announced VAT rate changes with the rates in force', () => {
    const vatRateChanges = [
      { from: '2026-07-01', rates: [{ label: 'A', ratePercent: 22, outOfScope: false }] },
      { from: '2027-01-01', rates: [{ label: 'A', ratePercent: 23, outOfScope: false }] },
    ];
    const r = validateParameters({ ...good, vatRateChanges }, registration);
    expect(r.ok && r.value.parameters.vatRateChanges).toEqual(vatRateChanges);
  });

  it.each([
    ['not a list', {}],
    ['a bad date', [{ from: '2026-02-30', rates: good.vatRates }]],
    ['no date', [{ rates: good.vatRates }]],
    [
      'dates out of order',
      [
        { from: '2027-01-01', rates: good.vatRates },
        { from: '2026-07-01', rates: good.vatRates },
      ],
    ],
    [
      'a day twice',
      [
        { from: '2026-07-01', rates: good.vatRates },
        { from: '2026-07-01', rates: good.vatRates },
      ],
    ],
    ['a bad rate', [{ from: '2026-07-01', rates: [{ label: 'A', ratePercent: 101, outOfScope: false }] }]],
    ['rates not a list', [{ from: '2026-07-01', rates: 21 }]],
  ])('refuses the VAT rates and their changes together when the changes are %s', (_name, vatRateChanges) => {
    const r = validateParameters({ ...good, vatRateChanges }, registration);
    expect(r.ok && r.value.parameters).toEqual({ allowedPosIds: good.allowedPosIds });
    expect(r.ok && r.value.outcome.parametersProblem).toMatch(/vatRateChanges/);
  });

  it.each([
    ['not an object', null],
    ['another VAT number', { ...good, vatNo: 'BE0308357159' }],
    ['another establishment', { ...good, estNo: '2000000141' }],
    ['another FDM', { ...good, fdmId: 'FPS03000002' }],
    ['no vatNo', { ...good, vatNo: undefined }],
  ])('refuses everything for %s', (_name, body) => {
    expect(validateParameters(body, registration).ok).toBe(false);
  });

  it.each([
    ['not a list', 'CPOS0031234567'],
    ['a bad posId', ['CPOS0031234567', 'XPOS0031234567']],
    ['a short posId', ['CPOS003']],
    ['a number', [12345678901234]],
    ['a duplicate', ['CPOS0031234567', 'CPOS0031234567']],
  ])('refuses only the allow-list when it is %s', (_name, allowedPosIds) => {
    const r = validateParameters({ ...good, allowedPosIds }, registration);
    expect(r.ok && r.value.parameters).toEqual({ vatRates: good.vatRates, vatRateChanges: [] });
    expect(r.ok && r.value.outcome.allowListProblem).toMatch(/allowedPosIds/);
  });

  it.each([
    ['not a list', {}],
    ['an unknown label', [{ label: 'E', ratePercent: 0, outOfScope: false }]],
    ['a negative rate', [{ label: 'A', ratePercent: -1, outOfScope: false }]],
    ['a rate above 100', [{ label: 'A', ratePercent: 121, outOfScope: false }]],
    ['three decimals', [{ label: 'A', ratePercent: 21.005, outOfScope: false }]],
    ['NaN', [{ label: 'A', ratePercent: Number.NaN, outOfScope: false }]],
    ['a string rate', [{ label: 'A', ratePercent: '21', outOfScope: false }]],
    ['no outOfScope', [{ label: 'A', ratePercent: 21 }]],
    ['a label twice', [good.vatRates[0], good.vatRates[0]]],
  ])('refuses only the VAT rates when they are %s', (_name, vatRates) => {
    const r = validateParameters({ ...good, vatRates }, registration);
    expect(r.ok && r.value.parameters).toEqual({ allowedPosIds: good.allowedPosIds });
    expect(r.ok && r.value.outcome.parametersProblem).toMatch(/vatRates/);
  });
});

describe('ParameterRefresher', () => {
  const make = (answers: (() => Promise<{ status: number; body: unknown }>)[]) => {
    const applied: RefreshedParameters[] = [];
    const persisted: RefreshedParameters[] = [];
    const scheduled: { run: () => void; delayMs: number }[] = [];
    let calls = 0;
    const refresher = new ParameterRefresher({
      fetch: () => {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        if (!answer) throw new Error('no answer scripted');
        return answer();
      },
      current: () => registration as FdmConfig,
      apply: (p) => applied.push(p),
      persist: async (p) => {
        persisted.push(p);
      },
      timer: { schedule: (run, delayMs) => (scheduled.push({ run, delayMs }), { cancel() {} }) },
      failuresBeforeWarning: 2,
      warn: () => undefined,
    });
    return { refresher, applied, persisted, scheduled, calls: () => calls };
  };
  const down = () => Promise.reject(new Error('ECONNREFUSED'));
  const up = () => Promise.resolve({ status: 200, body: good });

  it('refreshes on start and then at the injected interval', async () => {
    const t = make([up]);
    t.refresher.start(60_000);
    await t.refresher.refreshNow();
    expect(t.calls()).toBe(2);
    expect(t.scheduled.map((s) => s.delayMs)).toEqual([60_000]);
    t.scheduled[0]?.run();
    await t.refresher.stop();
    expect(t.calls()).toBe(3);
    expect(t.applied).toHaveLength(3);
    expect(t.persisted).toHaveLength(3);
  });

  it('keeps the last parameters on failures and warns from the second failure in a row, until one succeeds', async () => {
    const t = make([down, () => Promise.resolve({ status: 503, body: null }), up]);
    await t.refresher.refreshNow();
    expect(t.refresher.status()).toEqual({ parametersFailing: false, allowListFailing: false });
    await t.refresher.refreshNow();
    expect(t.refresher.status()).toEqual({ parametersFailing: true, allowListFailing: true });
    expect(t.applied).toEqual([]);
    await t.refresher.refreshNow();
    expect(t.refresher.status()).toEqual({ parametersFailing: false, allowListFailing: false });
    expect(t.applied).toHaveLength(1);
  });

  it('refuses and warns when the service names another VAT number, applying nothing', async () => {
    const t = make([() => Promise.resolve({ status: 200, body: { ...good, vatNo: 'BE0308357159' } })]);
    expect((await t.refresher.refreshNow()).parametersProblem).toMatch(/vatNo changed/);
    await t.refresher.refreshNow();
    expect(t.refresher.status().parametersFailing).toBe(true);
    expect(t.applied).toEqual([]);
    expect(t.persisted).toEqual([]);
  });

  it('does not apply what it could not persist', async () => {
    const refresher = new ParameterRefresher({
      fetch: up,
      current: () => registration as FdmConfig,
      apply: () => {
        throw new Error('must not apply');
      },
      persist: () => Promise.reject(new Error('ENOSPC')),
      warn: () => undefined,
    });
    expect((await refresher.refreshNow()).parametersProblem).toMatch(/ENOSPC/);
  });
});
