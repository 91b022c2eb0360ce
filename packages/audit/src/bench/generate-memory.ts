import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { canonicalJson, dataHashOf, signEvent, ZERO_HASH } from '@gks/fdm';
import type { EventSigner, SignedEventFields } from '@gks/fdm';
import { crc32c } from '../formats/crc32c.js';
import { FILE_HEADER_BYTES, MAGIC, VERSION } from '../memory-file/memory-layout.js';

/**
 * Writes a large memory file of realistic signed sales for the benchmark, signing with the
 * FDM's own signing code and key. Written without fsync (it is a fixture, not an FDM), but in
 * the FDM's byte format. Signing is sequential by nature: each signature covers the previous
 * record's hash.
 */
export async function generateMemory(
  file: string,
  signer: EventSigner,
  events: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32BE(VERSION, 8);
    header.writeUInt32BE(crc32c(header.subarray(0, 12)), 12);
    await handle.write(header);
    let prevHash = ZERO_HASH;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const start = Date.parse('2025-01-01T08:00:00Z');
    for (let n = 1; n <= events; n++) {
      const time = new Date(start + n * 2000);
      const request = saleRequest(n, time);
      const fields: SignedEventFields = {
        fdmId: 'FOD01000001',
        fdmDateTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventLabel: 'N',
        eventCounter: n,
        totalCounter: n,
        eventOperation: 'SALE',
        isTraining: false,
        posId: request.posId,
        posFiscalTicketNo: n,
        posDateTime: request.posDateTime,
        terminalId: request.terminalId,
        deviceId: request.deviceId,
        dataHash: dataHashOf(request),
        prevHash,
      };
      const { digitalSignature, shortSignature } = signEvent(signer, fields);
      const result = {
        posId: fields.posId,
        posFiscalTicketNo: n,
        posDateTime: fields.posDateTime,
        posSwVersion: request.posSwVersion,
        terminalId: fields.terminalId,
        deviceId: fields.deviceId,
        eventOperation: 'SALE',
        fdmRef: {
          fdmId: fields.fdmId,
          fdmDateTime: fields.fdmDateTime,
          eventLabel: 'N',
          eventCounter: n,
          totalCounter: n,
        },
        fdmSwVersion: '0.1.0',
        digitalSignature,
        shortSignature,
        verificationUrl: `https://verify.fps.invalid/fdm/FOD01000001/${n}/${shortSignature}`,
        vatCalc: [
          { label: 'A', rate: 21, taxableAmount: 5.29, vatAmount: 1.11, totalAmount: 6.4, outOfScope: false },
          {
            label: 'B',
            rate: 12,
            taxableAmount: 12.95,
            vatAmount: 1.55,
            totalAmount: 14.5,
            outOfScope: false,
          },
        ],
        bufferCapacityUsed: 0,
        warnings: [],
        informations: null,
        footer: [],
      };
      const payload = Buffer.from(canonicalJson({ fields, request, result }), 'utf8');
      const record = Buffer.allocUnsafe(44 + payload.length);
      record.writeUInt32BE(payload.length, 0);
      record.writeUInt32BE(crc32c(record.subarray(0, 4)), 4);
      Buffer.from(prevHash, 'hex').copy(record, 12);
      payload.copy(record, 44);
      record.writeUInt32BE(crc32c(record.subarray(12)), 8);
      prevHash = createHash('sha256').update(record).digest('hex');
      pending.push(record);
      pendingBytes += record.length;
      if (pendingBytes > 4 << 20) {
        await handle.write(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
        onProgress(n);
      }
    }
    if (pending.length > 0) await handle.write(Buffer.concat(pending));
    onProgress(events);
  } finally {
    await handle.close();
  }
}

/** A two-line restaurant sale paid by card, the size of a typical ticket. */
function saleRequest(n: number, time: Date) {
  const line = (id: string, name: string, qty: number, price: number, vat: string, total: number) => ({
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: id,
      productName: name,
      departmentId: 'D01',
      departmentName: 'Dranken',
      quantity: qty,
      quantityType: 'PIECE',
      unitPrice: price,
      vats: [{ label: vat, price: total }],
    },
    lineTotal: total,
  });
  return {
    language: 'NL',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    posId: 'CPOS0031234567',
    posFiscalTicketNo: n,
    posDateTime: new Date(time.getTime() - 1000).toISOString().replace('Z', '+00:00'),
    posSwVersion: '2.4.1',
    deviceId: 'TABLET-03',
    terminalId: 'BAR',
    bookingPeriodId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    bookingDate: '2025-01-01',
    ticketMedium: 'PAPER',
    employeeId: '85073003328',
    transaction: {
      transactionLines: [
        line('SKU-0001', 'Pils 25cl', 2, 3.2, 'A', 6.4),
        line('SKU-0123', 'Croque Monsieur', 1, 14.5, 'B', 14.5),
      ],
      transactionTotal: 20.9,
    },
    financials: [
      {
        id: '2',
        name: 'Bancontact',
        type: 'CARD_DEBIT',
        inputMethod: 'AUTOMATIC',
        amount: 20.9,
        amountType: 'PAYMENT',
        reference: `TRX-${n}`,
      },
    ],
  };
}
