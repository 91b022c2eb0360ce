import type { SaleInput, SignResult } from '@gks/core';
import { canonicalJson } from '../signing/canonical-json.js';
import { dataHashOf } from '../signing/signed-event.js';
import type { SignedEventFields } from '../signing/signed-event.js';
import { RECORD_HEADER_BYTES } from './record-format.js';
import type { StoredEvent } from './stored-event.js';

/**
 * A realistic restaurant sale of three lines (two drinks and a dish, one paid by card) with
 * the answer our FDM gives, used to state the memory's capacity in tickets (C-70).
 */
export function typicalSaleEvent(): StoredEvent {
  const request: SaleInput = {
    language: 'NL',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    posId: 'CPOS0031234567',
    posFiscalTicketNo: 123456,
    posDateTime: '2025-03-14T19:42:17.512+01:00',
    posSwVersion: '2.4.1',
    deviceId: 'TABLET-03',
    terminalId: 'BAR',
    bookingPeriodId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    bookingDate: '2025-03-14',
    ticketMedium: 'PAPER',
    employeeId: '85073003328',
    costCenter: { id: '12', type: 'TABLE', reference: 'Tafel 12' },
    transaction: {
      transactionLines: [
        line('SKU-0001', 'Pils 25cl', 'D01', 'Dranken', 2, 3.2, 'A'),
        line('SKU-0017', 'Spa Bruis 50cl', 'D01', 'Dranken', 1, 4.5, 'A'),
        line('SKU-0123', 'Croque Monsieur', 'K01', 'Keuken', 1, 14.5, 'B'),
      ],
      transactionTotal: 25.4,
    },
    financials: [
      {
        id: '2',
        name: 'Bancontact',
        type: 'CARD_DEBIT',
        inputMethod: 'AUTOMATIC',
        amount: 25.4,
        amountType: 'PAYMENT',
        reference: 'TRX-00981234',
      },
    ],
  };
  const fields: SignedEventFields = {
    fdmId: 'FOD01000001',
    fdmDateTime: '2025-03-14T18:42:18Z',
    eventLabel: 'N',
    eventCounter: 1234567,
    totalCounter: 2345678,
    eventOperation: 'SALE',
    isTraining: false,
    posId: request.posId,
    posFiscalTicketNo: request.posFiscalTicketNo,
    posDateTime: request.posDateTime,
    terminalId: request.terminalId,
    deviceId: request.deviceId,
    dataHash: dataHashOf(request),
    prevHash: 'ab'.repeat(32),
  };
  const result: SignResult = {
    posId: request.posId,
    posFiscalTicketNo: request.posFiscalTicketNo,
    posDateTime: request.posDateTime,
    posSwVersion: request.posSwVersion,
    terminalId: request.terminalId,
    deviceId: request.deviceId,
    eventOperation: 'SALE',
    fdmRef: {
      fdmId: fields.fdmId,
      fdmDateTime: fields.fdmDateTime,
      eventLabel: 'N',
      eventCounter: fields.eventCounter,
      totalCounter: fields.totalCounter,
    },
    fdmSwVersion: '0.1.0',
    // The size of a real signature: 64 bytes in base64.
    digitalSignature: Buffer.alloc(64, 0x5a).toString('base64'),
    shortSignature: 'c'.repeat(40),
    verificationUrl: `https://fps.invalid/verify/FOD01000001/2345678/${'c'.repeat(40)}`,
    vatCalc: [
      { label: 'A', rate: 21, taxableAmount: 8.99, vatAmount: 1.89, totalAmount: 10.88, outOfScope: false },
      { label: 'B', rate: 12, taxableAmount: 12.95, vatAmount: 1.55, totalAmount: 14.5, outOfScope: false },
    ],
    bufferCapacityUsed: 12.34,
    warnings: null,
    informations: null,
    footer: [],
  };
  return { fields, request, result };
}

/** The memory bytes one typical sale takes (record header included). */
export function bytesPerTypicalSale(): number {
  return RECORD_HEADER_BYTES + Buffer.byteLength(canonicalJson(typicalSaleEvent()), 'utf8');
}

function line(
  productId: string,
  productName: string,
  departmentId: string,
  departmentName: string,
  quantity: number,
  unitPrice: number,
  vatLabel: 'A' | 'B',
) {
  const total = Math.round(quantity * unitPrice * 100) / 100;
  return {
    lineType: 'SINGLE_PRODUCT' as const,
    mainProduct: {
      productId,
      productName,
      departmentId,
      departmentName,
      quantity,
      quantityType: 'PIECE' as const,
      unitPrice,
      vats: [{ label: vatLabel, price: total }],
    },
    lineTotal: total,
  };
}
