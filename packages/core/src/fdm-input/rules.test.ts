import { describe, expect, it } from 'vitest';
import type { InvalidRequest } from '../fdm-api/invalid-request.js';
import type { CostCenterInput, SignMutation, SignMutationInputs } from '../fdm-api/types.js';
import { dryMartini, fodSamples } from './fod-samples.js';
import type { FdmInputSubCode } from './sub-codes.js';
import { validateSignInput } from './validate-sign-input.js';

/** The i-th item of a fixture list; a missing one is a broken test, not a finding. */
function nth<T>(list: readonly T[] | null | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

interface Case {
  readonly name: string;
  readonly subCode: FdmInputSubCode;
  readonly field: string;
  /** true when this fault must be the only finding (no cascade, no unrelated noise). */
  readonly alone: boolean;
  readonly findings: () => InvalidRequest[];
}

/** A FOD sample with one thing broken. */
function bad<M extends SignMutation>(
  mutation: M,
  name: string,
  edit: (data: SignMutationInputs[M]) => void,
  subCode: FdmInputSubCode,
  field: string,
  alone = true,
): Case {
  return {
    name: `${mutation}: ${name}`,
    subCode,
    field,
    alone,
    findings: () => {
      const data = structuredClone(fodSamples[mutation]);
      edit(data);
      const result = validateSignInput(mutation, data);
      return result.ok ? [] : result.error;
    },
  };
}

const line0 = 'transaction.transactionLines[0]';
const long = (n: number): string => 'x'.repeat(n);
const nested = (depth: number): CostCenterInput => {
  let costCenter: CostCenterInput = { id: 'R1', type: 'ROOM', reference: 'O158' };
  for (let i = 1; i < depth; i += 1)
    costCenter = { id: `T${i}`, type: 'TABLE', reference: 'O158', costCenter };
  return costCenter;
};

const commonCases: Case[] = [
  bad(
    'signWorkIn',
    'VAT number with a wrong check',
    (d) => void (d.vatNo = 'BE0000000098'),
    'INVALID_VATNO',
    'vatNo',
  ),
  bad('signWorkIn', 'VAT number without BE', (d) => void (d.vatNo = '0000000097'), 'INVALID_VATNO', 'vatNo'),
  bad('signWorkIn', 'estNo starting with 1', (d) => void (d.estNo = '1000000042'), 'INVALID_ESTNO', 'estNo'),
  bad(
    'signWorkIn',
    'estNo with a wrong check',
    (d) => void (d.estNo = '2000000043'),
    'INVALID_ESTNO',
    'estNo',
  ),
  bad(
    'signWorkIn',
    'posId of the old type A',
    (d) => void (d.posId = 'APOS0031234567'),
    'INVALID_POSID',
    'posId',
  ),
  bad('signWorkIn', 'posId too short', (d) => void (d.posId = 'CPOS003123456'), 'INVALID_POSID', 'posId'),
  bad(
    'signWorkIn',
    'ticket number 0',
    (d) => void (d.posFiscalTicketNo = 0),
    'INVALID_POSFISCALTICKETNO',
    'posFiscalTicketNo',
  ),
  bad(
    'signWorkIn',
    'ticket number 1e9',
    (d) => void (d.posFiscalTicketNo = 1_000_000_000),
    'INVALID_POSFISCALTICKETNO',
    'posFiscalTicketNo',
  ),
  bad(
    'signWorkIn',
    'ticket number 1.5',
    (d) => void (d.posFiscalTicketNo = 1.5),
    'INVALID_POSFISCALTICKETNO',
    'posFiscalTicketNo',
  ),
  bad(
    'signWorkIn',
    'ticket number -1',
    (d) => void (d.posFiscalTicketNo = -1),
    'INVALID_POSFISCALTICKETNO',
    'posFiscalTicketNo',
  ),
  bad(
    'signWorkIn',
    'posDateTime in UTC (Z)',
    (d) => void (d.posDateTime = '2025-06-12T12:03:11Z'),
    'INVALID_POSDATETIME',
    'posDateTime',
  ),
  bad(
    'signWorkIn',
    'posDateTime with winter offset in June',
    (d) => void (d.posDateTime = '2025-06-12T14:03:11+01:00'),
    'INVALID_POSDATETIME',
    'posDateTime',
  ),
  bad(
    'signWorkIn',
    'posDateTime without offset',
    (d) => void (d.posDateTime = '2025-06-12T14:03:11'),
    'INVALID_POSDATETIME',
    'posDateTime',
  ),
  bad(
    'signWorkIn',
    'posSwVersion empty',
    (d) => void (d.posSwVersion = ''),
    'INVALID_POSSWVERSION',
    'posSwVersion',
  ),
  bad(
    'signWorkIn',
    'posSwVersion of 37 characters',
    (d) => void (d.posSwVersion = long(37)),
    'INVALID_POSSWVERSION',
    'posSwVersion',
  ),
  bad(
    'signWorkIn',
    'posSwVersion with a trailing space',
    (d) => void (d.posSwVersion = '1.8.3 '),
    'INVALID_POSSWVERSION',
    'posSwVersion',
  ),
  bad('signWorkIn', 'deviceId empty', (d) => void (d.deviceId = ''), 'INVALID_DEVICEID', 'deviceId'),
  bad(
    'signWorkIn',
    'deviceId of 601 characters',
    (d) => void (d.deviceId = long(601)),
    'INVALID_DEVICEID',
    'deviceId',
  ),
  bad(
    'signWorkIn',
    'deviceId with a leading tab',
    (d) => void (d.deviceId = '\tPOS'),
    'INVALID_DEVICEID',
    'deviceId',
  ),
  bad(
    'signWorkIn',
    'terminalId only whitespace',
    (d) => void (d.terminalId = '   '),
    'INVALID_TERMINALID',
    'terminalId',
  ),
  bad(
    'signWorkIn',
    'terminalId of 601 characters',
    (d) => void (d.terminalId = long(601)),
    'INVALID_TERMINALID',
    'terminalId',
  ),
  bad(
    'signWorkIn',
    'bookingPeriodId in upper case',
    (d) => void (d.bookingPeriodId = 'DFFCD829-A0E5-41CA-A0AE-9EB887F95637'),
    'INVALID_BOOKINGPERIODID',
    'bookingPeriodId',
  ),
  bad(
    'signWorkIn',
    'bookingPeriodId without dashes',
    (d) => void (d.bookingPeriodId = 'dffcd829a0e541caa0ae9eb887f95637'),
    'INVALID_BOOKINGPERIODID',
    'bookingPeriodId',
  ),
  bad(
    'signWorkIn',
    'bookingDate in Belgian notation',
    (d) => void (d.bookingDate = '12/06/2025'),
    'INVALID_BOOKINGDATE',
    'bookingDate',
  ),
  bad(
    'signWorkIn',
    'bookingDate 30 February',
    (d) => void (d.bookingDate = '2025-02-30'),
    'INVALID_BOOKINGDATE',
    'bookingDate',
  ),
  bad(
    'signWorkIn',
    'employeeId with a wrong check',
    (d) => void (d.employeeId = '84022899838'),
    'INVALID_EMPLOYEEID',
    'employeeId',
  ),
  bad(
    'signWorkIn',
    'employeeId with separators',
    (d) => void (d.employeeId = '84.02.28-998.37'),
    'INVALID_EMPLOYEEID',
    'employeeId',
  ),
];

const transactionCases: Case[] = [
  bad(
    'signSale',
    'lineTotal with 3 decimals',
    (d) => void (nth(d.transaction.transactionLines, 0).lineTotal = 24.001),
    'INVALID_AMOUNT',
    `${line0}.lineTotal`,
  ),
  bad(
    'signSale',
    'lineTotal NaN',
    (d) => void (nth(d.transaction.transactionLines, 0).lineTotal = Number.NaN),
    'INVALID_AMOUNT',
    `${line0}.lineTotal`,
  ),
  bad(
    'signSale',
    'vat price Infinity',
    (d) =>
      void (nth(nth(d.transaction.transactionLines, 1).mainProduct.vats, 0).price = Number.POSITIVE_INFINITY),
    'INVALID_AMOUNT',
    'transaction.transactionLines[1].mainProduct.vats[0].price',
  ),
  bad(
    'signSale',
    'absurd unit price',
    (d) => void (nth(d.transaction.transactionLines, 0).mainProduct.unitPrice = 1e15),
    'INVALID_AMOUNT',
    `${line0}.mainProduct.unitPrice`,
  ),
  bad(
    'signSale',
    'transactionTotal with 3 decimals',
    (d) => void (d.transaction.transactionTotal = 52.005),
    'INVALID_AMOUNT',
    'transaction.transactionTotal',
  ),
  bad(
    'signSale',
    'vat price one cent above lineTotal',
    (d) => void (nth(nth(d.transaction.transactionLines, 0).mainProduct.vats, 0).price = 24.01),
    'LINE_TOTAL_MISMATCH',
    `${line0}.lineTotal`,
  ),
  bad(
    'signSale',
    'lineTotal one cent off',
    (d) => void (nth(d.transaction.transactionLines, 0).lineTotal = 23.99),
    'LINE_TOTAL_MISMATCH',
    `${line0}.lineTotal`,
    false,
  ),
  bad(
    'signPreBill',
    'composite price change ignored in lineTotal',
    (d) => void (nth(d.transaction.transactionLines, 2).lineTotal = 30.5),
    'LINE_TOTAL_MISMATCH',
    'transaction.transactionLines[2].lineTotal',
    false,
  ),
  bad(
    'signOrder',
    'transactionTotal one cent off',
    (d) => void (d.transaction.transactionTotal = 37.37),
    'TOTAL_MISMATCH',
    'transaction.transactionTotal',
  ),
  bad(
    'signOrder',
    'negative quantity without reason',
    (d) => {
      const line = nth(d.transaction.transactionLines, 0);
      line.mainProduct.quantity = -2;
      line.mainProduct.vats = [{ label: 'A', price: -24 }];
      line.lineTotal = -24;
      d.transaction.transactionTotal = -10.64;
    },
    'EXPECTED_NEGQUANTITYREASON',
    `${line0}.mainProduct.negQuantityReason`,
  ),
  bad(
    'signPreBill',
    'negative sub-product quantity without reason',
    (d) => void (nth(nth(d.transaction.transactionLines, 2).subProducts, 0).quantity = -1),
    'EXPECTED_NEGQUANTITYREASON',
    'transaction.transactionLines[2].subProducts[0].negQuantityReason',
  ),
  bad(
    'signOrder',
    'negative unit price',
    (d) => void (nth(d.transaction.transactionLines, 0).mainProduct.unitPrice = -12),
    'VAT_PRICE_CHECK_FAILED',
    `${line0}.mainProduct.unitPrice`,
  ),
  bad(
    'signPreBill',
    'composite main product with vats',
    (d) => void (nth(d.transaction.transactionLines, 2).mainProduct.vats = [{ label: 'A', price: 0 }]),
    'COMPOSITE_MAIN_PRODUCT_HAS_VATS',
    'transaction.transactionLines[2].mainProduct.vats',
  ),
  bad(
    'signPreBill',
    'composite with empty subProducts',
    (d) => void (nth(d.transaction.transactionLines, 2).subProducts = []),
    'COMPOSITE_WITHOUT_SUBPRODUCTS',
    'transaction.transactionLines[2].subProducts',
  ),
  bad(
    'signPreBill',
    'composite with null subProducts',
    (d) => void (nth(d.transaction.transactionLines, 2).subProducts = null),
    'COMPOSITE_WITHOUT_SUBPRODUCTS',
    'transaction.transactionLines[2].subProducts',
  ),
  bad(
    'signSale',
    'single product with subProducts',
    (d) => void (nth(d.transaction.transactionLines, 0).subProducts = [dryMartini().mainProduct]),
    'SINGLE_PRODUCT_WITH_SUBPRODUCTS',
    `${line0}.subProducts`,
  ),
  bad(
    'signSale',
    'single product without vats',
    (d) => void (nth(d.transaction.transactionLines, 0).mainProduct.vats = []),
    'MISSING_VATS',
    `${line0}.mainProduct.vats`,
  ),
  bad(
    'signPreBill',
    'sub-product without vats',
    (d) => void (nth(nth(d.transaction.transactionLines, 2).subProducts, 0).vats = []),
    'MISSING_VATS',
    'transaction.transactionLines[2].subProducts[0].vats',
  ),
  bad(
    'signOrder',
    'quantity NaN',
    (d) => void (nth(d.transaction.transactionLines, 1).mainProduct.quantity = Number.NaN),
    'INVALID_QUANTITY',
    'transaction.transactionLines[1].mainProduct.quantity',
  ),
  bad(
    'signOrder',
    'empty productName',
    (d) => void (nth(d.transaction.transactionLines, 1).mainProduct.productName = ''),
    'EMPTY_VALUE',
    'transaction.transactionLines[1].mainProduct.productName',
  ),
  bad(
    'signOrder',
    'productId of 601 characters',
    (d) => void (nth(d.transaction.transactionLines, 1).mainProduct.productId = long(601)),
    'VALUE_TOO_LONG',
    'transaction.transactionLines[1].mainProduct.productId',
  ),
  bad(
    'signOrder',
    'blank departmentName',
    (d) => void (nth(d.transaction.transactionLines, 1).mainProduct.departmentName = ' '),
    'EMPTY_VALUE',
    'transaction.transactionLines[1].mainProduct.departmentName',
  ),
  bad(
    'signOrder',
    'gtin with spaces around',
    (d) => void (nth(d.transaction.transactionLines, 0).mainProduct.gtin = ' 5410000000000'),
    'INVALID_GTIN',
    `${line0}.mainProduct.gtin`,
  ),
  bad(
    'signOrder',
    'gtin of 21 characters',
    (d) => void (nth(d.transaction.transactionLines, 0).mainProduct.gtin = '1'.repeat(21)),
    'INVALID_GTIN',
    `${line0}.mainProduct.gtin`,
  ),
  bad(
    'signPreBill',
    'price change with 3 decimals',
    (d) =>
      void (nth(
        nth(nth(nth(d.transaction.transactionLines, 2).subProducts, 1).vats, 0).priceChanges,
        0,
      ).amount = -2.405),
    'INVALID_AMOUNT',
    'transaction.transactionLines[2].subProducts[1].vats[0].priceChanges[0].amount',
  ),
  bad(
    'signPreBill',
    'price change without name',
    (d) =>
      void (nth(
        nth(nth(nth(d.transaction.transactionLines, 2).subProducts, 1).vats, 0).priceChanges,
        0,
      ).name = ''),
    'EMPTY_VALUE',
    'transaction.transactionLines[2].subProducts[1].vats[0].priceChanges[0].name',
  ),
  bad(
    'signPreBill',
    '100 price changes on one VAT part',
    (d) => {
      const vat = nth(nth(nth(d.transaction.transactionLines, 2).subProducts, 1).vats, 0);
      vat.priceChanges = Array.from({ length: 100 }, () => ({
        id: '6',
        name: 'ROUNDING_ADAPTATION',
        scope: 'LINE' as const,
        type: 'INTERNAL' as const,
        amount: 0,
      }));
    },
    'TOO_MANY_LINES',
    'transaction.transactionLines[2].subProducts[1].vats[0].priceChanges',
  ),
  bad(
    'signOrder',
    '10,001 transaction lines',
    (d) => void (d.transaction.transactionLines = Array.from({ length: 10_001 }, () => dryMartini())),
    'TOO_MANY_LINES',
    'transaction.transactionLines',
  ),
];

const costCenterAndRefCases: Case[] = [
  bad(
    'signOrder',
    'cost center with empty id',
    (d) => void (d.costCenter.id = ''),
    'INVALID_COSTCENTER',
    'costCenter.id',
  ),
  bad(
    'signOrder',
    'cost center with blank reference',
    (d) => void (d.costCenter.reference = '  '),
    'INVALID_COSTCENTER',
    'costCenter.reference',
  ),
  bad(
    'signOrder',
    'cost center nested 6 deep',
    (d) => void (d.costCenter = nested(6)),
    'INVALID_COSTCENTER',
    'costCenter.costCenter.costCenter.costCenter.costCenter.costCenter',
  ),
  bad(
    'signOrder',
    'cost center nested 1,000 deep (one finding)',
    (d) => void (d.costCenter = nested(1_000)),
    'INVALID_COSTCENTER',
    'costCenter.costCenter.costCenter.costCenter.costCenter.costCenter',
  ),
  bad(
    'signOrder',
    'line cost center with empty id',
    (d) =>
      void (nth(d.transaction.transactionLines, 0).costCenter = { id: '', type: 'CHAIR', reference: 'O158' }),
    'INVALID_COSTCENTER',
    `${line0}.costCenter.id`,
  ),
  bad(
    'signOrder',
    'order without cost center',
    (d) => void ((d as { costCenter: unknown }).costCenter = null),
    'MISSING_COSTCENTER',
    'costCenter',
  ),
  bad(
    'signSale',
    'refund reference with a bad fdmId',
    (d) => void (d.fdmRef = { ...fodSamples.signCopy.fdmRef, fdmId: 'FOD0100001' }),
    'INVALID_FDMREF',
    'fdmRef.fdmId',
  ),
  bad(
    'signCopy',
    'fdmDateTime in local time',
    (d) => void (d.fdmRef.fdmDateTime = '2024-07-29T11:35:09+02:00'),
    'INVALID_FDMREF',
    'fdmRef.fdmDateTime',
  ),
  bad(
    'signCopy',
    'eventCounter 0',
    (d) => void (d.fdmRef.eventCounter = 0),
    'INVALID_FDMREF',
    'fdmRef.eventCounter',
  ),
  bad(
    'signCopy',
    'eventCounter above totalCounter',
    (d) => void (d.fdmRef.eventCounter = 53),
    'INVALID_FDMREF',
    'fdmRef.eventCounter',
  ),
  bad(
    'signCopy',
    'copy of a social event',
    (d) => void (d.fdmRef.eventLabel = 'S'),
    'INVALID_FDMREF',
    'fdmRef.eventLabel',
  ),
  bad(
    'signPaymentCorrection',
    'correction of a pro forma',
    (d) => void (nonNull(d.fdmRef).eventLabel = 'P'),
    'INVALID_FDMREF',
    'fdmRef.eventLabel',
  ),
];

function nonNull<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('fixture value missing');
  return value;
}

const invoiceCases: Case[] = [
  bad('signInvoice', 'empty invoiceNo', (d) => void (d.invoiceNo = ''), 'INVALID_INVOICENO', 'invoiceNo'),
  bad(
    'signInvoice',
    'invoiceNo of 101 characters',
    (d) => void (d.invoiceNo = long(101)),
    'INVALID_INVOICENO',
    'invoiceNo',
  ),
  bad(
    'signInvoice',
    'invoiceNo with a leading space',
    (d) => void (d.invoiceNo = ' 20240005'),
    'INVALID_INVOICENO',
    'invoiceNo',
  ),
  bad(
    'signInvoice',
    'Belgian customer with a wrong check',
    (d) => void (d.customerVatNo = 'BE0308357158'),
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
  ),
  bad(
    'signInvoice',
    'customer VAT number in lower case',
    (d) => void (d.customerVatNo = 'be0308357159'),
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
  ),
  bad(
    'signInvoice',
    'customer VAT number with spaces',
    (d) => void (d.customerVatNo = 'NL 123456789B01'),
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
  ),
  bad(
    'signInvoice',
    'customer VAT number too short',
    (d) => void (d.customerVatNo = 'NL1'),
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
  ),
  bad(
    'signInvoice',
    'empty customer VAT number',
    (d) => void (d.customerVatNo = ''),
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
  ),
  bad('signInvoice', 'no fdmRefs', (d) => void (d.fdmRefs = []), 'EMPTY_FDMREFS', 'fdmRefs'),
  bad(
    'signInvoice',
    'the same sale twice',
    (d) => void (d.fdmRefs = [nth(d.fdmRefs, 0), nth(d.fdmRefs, 0)]),
    'INVALID_FDMREF',
    'fdmRefs[1]',
  ),
  bad(
    'signInvoice',
    'invoice of a pro forma',
    (d) => void (nth(d.fdmRefs, 1).eventLabel = 'P'),
    'INVALID_FDMREF',
    'fdmRefs[1].eventLabel',
  ),
];

const paymentCases: Case[] = [
  bad(
    'signSale',
    'payment short by 2 euro',
    (d) => void (nth(d.financials, 0).amount = 50),
    'FINANCIALS_MISMATCH',
    'financials',
  ),
  bad(
    'signSale',
    'no payment for 52.00',
    (d) => void (d.financials = []),
    'FINANCIALS_MISMATCH',
    'financials',
  ),
  bad(
    'signSale',
    'tip counted as payment',
    (d) => void (nth(d.financials, 0).amountType = 'TIP'),
    'FINANCIALS_MISMATCH',
    'financials',
  ),
  bad(
    'signSale',
    'rounding of 5 cents',
    (d) => {
      nth(d.financials, 0).amount = 51.95;
      d.financials.push({
        id: '9',
        name: 'ROUNDING',
        type: 'CASH',
        inputMethod: 'AUTOMATIC',
        amount: 0.05,
        amountType: 'ROUNDING',
      });
    },
    'ROUNDING_TOO_LARGE',
    'financials[1].amount',
  ),
  bad(
    'signSale',
    'payment amount with 3 decimals',
    (d) => void (nth(d.financials, 0).amount = 52.001),
    'INVALID_AMOUNT',
    'financials[0].amount',
  ),
  bad(
    'signSale',
    'foreign currency in lower case',
    (d) => void (nth(d.financials, 0).foreignCurrency = { amount: 60, iso: 'usd' }),
    'INVALID_CURRENCY',
    'financials[0].foreignCurrency.iso',
  ),
  bad(
    'signSale',
    'foreign currency of 4 letters',
    (d) => void (nth(d.financials, 0).foreignCurrency = { amount: 60, iso: 'EURO' }),
    'INVALID_CURRENCY',
    'financials[0].foreignCurrency.iso',
  ),
  bad(
    'signSale',
    'foreign amount NaN',
    (d) => void (nth(d.financials, 0).foreignCurrency = { amount: Number.NaN, iso: 'USD' }),
    'INVALID_AMOUNT',
    'financials[0].foreignCurrency.amount',
  ),
  bad(
    'signSale',
    'drawer without name',
    (d) => void (nth(d.financials, 0).drawer = { id: '1', name: '' }),
    'EMPTY_VALUE',
    'financials[0].drawer.name',
  ),
  bad(
    'signSale',
    'payment method without id',
    (d) => void (nth(d.financials, 0).id = ''),
    'EMPTY_VALUE',
    'financials[0].id',
  ),
  bad(
    'signPaymentCorrection',
    'provider of 601 characters',
    (d) => void (nth(d.financials, 1).provider = long(601)),
    'VALUE_TOO_LONG',
    'financials[1].provider',
  ),
  bad(
    'signPreBill',
    'pre-bill payment with 3 decimals',
    (d) => void (d.financials = [{ ...nth(fodSamples.signSale.financials, 0), amount: 1.234 }]),
    'INVALID_AMOUNT',
    'financials[0].amount',
  ),
  bad(
    'signMoneyInOut',
    'money in with 3 decimals',
    (d) => void (nth(d.financials, 0).amount = 100.001),
    'INVALID_AMOUNT',
    'financials[0].amount',
  ),
  bad(
    'signMoneyInOut',
    'money in without name',
    (d) => void (nth(d.financials, 0).name = ''),
    'EMPTY_VALUE',
    'financials[0].name',
  ),
  bad(
    'signDrawerOpen',
    'drawer with blank id',
    (d) => void (nonNull(d.drawer).id = ' '),
    'EMPTY_VALUE',
    'drawer.id',
  ),
];

const transferCases: Case[] = [
  bad(
    'signCostCenterChange',
    'nothing leaves',
    (d) => void (d.transfer.from = []),
    'EMPTY_TRANSFER',
    'transfer.from',
  ),
  bad(
    'signCostCenterChange',
    'nothing arrives',
    (d) => void (d.transfer.to = []),
    'EMPTY_TRANSFER',
    'transfer.to',
  ),
  bad(
    'signCostCenterChange',
    'leaving line with reason REFUND',
    (d) =>
      void (nth(nth(d.transfer.from, 0).transaction.transactionLines, 0).mainProduct.negQuantityReason =
        'REFUND'),
    'TRANSFER_FROM_NOT_NEGATED',
    'transfer.from[0].transaction.transactionLines[0].mainProduct.negQuantityReason',
  ),
  bad(
    'signCostCenterChange',
    'arriving line negated',
    (d) => {
      const line = nth(nth(d.transfer.to, 0).transaction.transactionLines, 1);
      line.mainProduct.quantity = -1;
      line.mainProduct.negQuantityReason = 'COST_CENTER_CHANGE';
    },
    'TRANSFER_TO_NOT_POSITIVE',
    'transfer.to[0].transaction.transactionLines[1].mainProduct.quantity',
    false,
  ),
  bad(
    'signCostCenterChange',
    'leaving line not negated',
    (d) => {
      const line = nth(nth(d.transfer.from, 0).transaction.transactionLines, 1);
      line.mainProduct.quantity = 1;
    },
    'TRANSFER_FROM_NOT_NEGATED',
    'transfer.from[0].transaction.transactionLines[1].mainProduct.quantity',
    false,
  ),
  bad(
    'signCostCenterChange',
    'more arrives than leaves',
    (d) => {
      const to = nth(d.transfer.to, 0);
      to.transaction.transactionLines.push(dryMartini(1));
      to.transaction.transactionTotal = 52;
    },
    'TRANSFER_MISMATCH',
    'transfer.to',
    false,
  ),
  bad(
    'signCostCenterChange',
    'target without cost center',
    (d) => void ((nth(d.transfer.to, 0) as { costCenter: unknown }).costCenter = null),
    'MISSING_COSTCENTER',
    'transfer.to[0].costCenter',
  ),
  bad(
    'signCostCenterChange',
    'leaving total one cent off',
    (d) => void (nth(d.transfer.from, 0).transaction.transactionTotal = -40.01),
    'TOTAL_MISMATCH',
    'transfer.from[0].transaction.transactionTotal',
    false,
  ),
];

const reportCases: Case[] = [
  bad('signReportTurnoverZ', 'reportNo 0', (d) => void (d.reportNo = 0), 'INVALID_REPORTNO', 'reportNo'),
  bad('signReportUserZ', 'reportNo 2.5', (d) => void (d.reportNo = 2.5), 'INVALID_REPORTNO', 'reportNo'),
  bad(
    'signReportTurnoverZ',
    'reportBookingDate not a date',
    (d) => void (d.reportBookingDate = '2025-06-31'),
    'INVALID_REPORTBOOKINGDATE',
    'reportBookingDate',
  ),
  bad(
    'signReportTurnoverX',
    'POS period ends before it starts',
    (d) => void (nth(d.posDevices, 0).lastPosDateTime = '2025-06-12T09:00:00+02:00'),
    'INVALID_REPORT_PERIOD',
    'posDevices[0].lastPosDateTime',
  ),
  bad(
    'signReportTurnoverX',
    'POS device with a bad posId',
    (d) => void (nth(d.posDevices, 0).posId = 'CPOS003123456'),
    'INVALID_POSID',
    'posDevices[0].posId',
  ),
  bad(
    'signReportTurnoverX',
    'POS device with blank terminalId',
    (d) => void (nth(d.posDevices, 0).terminalId = ''),
    'INVALID_TERMINALID',
    'posDevices[0].terminalId',
  ),
  bad(
    'signReportTurnoverX',
    'POS device time in UTC',
    (d) => void (nth(d.posDevices, 0).firstPosDateTime = '2025-06-12T08:00:00Z'),
    'INVALID_POSDATETIME',
    'posDevices[0].firstPosDateTime',
  ),
  bad(
    'signReportTurnoverX',
    'FDM counters going down',
    (d) => void (nth(d.fdmDevices, 0).lastTotalCounter = 39),
    'INVALID_REPORT_COUNTERS',
    'fdmDevices[0].lastTotalCounter',
  ),
  bad(
    'signReportTurnoverX',
    'FDM counter 0',
    (d) => void (nth(d.fdmDevices, 0).firstTotalCounter = 0),
    'INVALID_REPORT_COUNTERS',
    'fdmDevices[0].firstTotalCounter',
  ),
  bad(
    'signReportTurnoverX',
    'FDM period ends before it starts',
    (d) => void (nth(d.fdmDevices, 0).lastFdmDateTime = '2025-06-12T07:00:00Z'),
    'INVALID_REPORT_PERIOD',
    'fdmDevices[0].lastFdmDateTime',
  ),
  bad(
    'signReportTurnoverX',
    'bad fdmId',
    (d) => void (nth(d.fdmDevices, 0).fdmId = 'fod01000001'),
    'INVALID_FDMID',
    'fdmDevices[0].fdmId',
  ),
  bad(
    'signReportTurnoverX',
    'FDM time with offset',
    (d) => void (nth(d.fdmDevices, 0).firstFdmDateTime = '2025-06-12T10:00:01+02:00'),
    'INVALID_FDMDATETIME',
    'fdmDevices[0].firstFdmDateTime',
  ),
  bad(
    'signReportTurnoverX',
    'VAT rate 121 %',
    (d) => void (nth(d.turnover.vats, 0).rate = 121),
    'INVALID_VAT_RATE',
    'turnover.vats[0].rate',
  ),
  bad(
    'signReportTurnoverX',
    'taxable + VAT != total',
    (d) => void (nth(d.turnover.vats, 0).taxableAmount = 19.84),
    'VAT_TOTAL_MISMATCH',
    'turnover.vats[0].totalAmount',
  ),
  bad(
    'signReportTurnoverX',
    'VAT amount with 3 decimals',
    (d) => void (nth(d.turnover.vats, 1).vatAmount = 3.001),
    'INVALID_AMOUNT',
    'turnover.vats[1].vatAmount',
  ),
  bad(
    'signReportTurnoverX',
    'payment total ignores a correction',
    (d) => void (nth(nth(d.turnover.payments, 0).amount, 0).totalAmount = 104),
    'PAYMENT_TOTAL_MISMATCH',
    'turnover.payments[0].amount[0].totalAmount',
  ),
  bad(
    'signReportTurnoverX',
    'negative ticket count',
    (d) => void (nth(d.turnover.transactions, 0).ticketCount = -1),
    'INVALID_COUNT',
    'turnover.transactions[0].ticketCount',
  ),
  bad(
    'signReportTurnoverX',
    'fractional corrections count',
    (d) => void (nth(nth(d.turnover.payments, 0).amount, 0).correctionsCount = 1.5),
    'INVALID_COUNT',
    'turnover.payments[0].amount[0].correctionsCount',
  ),
  bad(
    'signReportTurnoverX',
    'negative drawersOpenCount',
    (d) => void (d.turnover.drawersOpenCount = -1),
    'INVALID_COUNT',
    'turnover.drawersOpenCount',
  ),
  bad(
    'signReportTurnoverX',
    'negative negQuantityCount',
    (d) => void (nth(d.turnover.negQuantities, 0).negQuantityCount = -3),
    'INVALID_COUNT',
    'turnover.negQuantities[0].negQuantityCount',
  ),
  bad(
    'signReportTurnoverX',
    'department without id',
    (d) => void (nth(d.turnover.departments, 0).departmentId = ''),
    'EMPTY_VALUE',
    'turnover.departments[0].departmentId',
  ),
  bad(
    'signReportTurnoverX',
    'price change total with 3 decimals',
    (d) => void (nth(nth(d.turnover.priceChanges, 0).amount, 0).negative = -2.401),
    'INVALID_AMOUNT',
    'turnover.priceChanges[0].amount[0].negative',
  ),
  bad(
    'signReportTurnoverX',
    'invoice total without number',
    (d) => void (nth(d.turnover.invoices, 0).invoiceNo = ''),
    'INVALID_INVOICENO',
    'turnover.invoices[0].invoiceNo',
  ),
  bad(
    'signReportTurnoverX',
    'foreign currency in a payment total',
    (d) => void (nth(nth(d.turnover.payments, 0).amount, 0).normalForeign = [{ amount: 10, iso: 'US$' }]),
    'INVALID_CURRENCY',
    'turnover.payments[0].amount[0].normalForeign[0].iso',
  ),
  bad(
    'signReportUserX',
    'user with a bad INSZ',
    (d) => void (nth(d.users, 0).employeeId = '80113078969'),
    'INVALID_EMPLOYEEID',
    'users[0].employeeId',
  ),
  bad(
    'signReportUserX',
    'user period ends before it starts',
    (d) => void (nth(d.users, 0).lastPosDateTime = '2025-06-12T09:59:59.999+02:00'),
    'INVALID_REPORT_PERIOD',
    'users[0].lastPosDateTime',
  ),
  bad(
    'signReportUserX',
    'clock event in UTC',
    (d) => void (nth(nth(d.users, 0).socialEvents, 1).posDateTime = '2025-06-12T20:00:00Z'),
    'INVALID_POSDATETIME',
    'users[0].socialEvents[1].posDateTime',
  ),
  bad(
    'signReportUserZ',
    'user total with 3 decimals',
    (d) => void (nth(d.users, 0).totalAmount = 52.125),
    'INVALID_AMOUNT',
    'users[0].totalAmount',
  ),
  bad(
    'signReportUserZ',
    'user payment total mismatch',
    (d) => void (nth(nth(nth(d.users, 0).payments, 0).amount, 0).normalAmount = 100),
    'PAYMENT_TOTAL_MISMATCH',
    'users[0].payments[0].amount[0].totalAmount',
  ),
];

describe.each([
  ['common block', commonCases],
  ['transaction', transactionCases],
  ['cost centers and references', costCenterAndRefCases],
  ['invoice', invoiceCases],
  ['payments', paymentCases],
  ['cost-center change', transferCases],
  ['reports', reportCases],
])('validateSignInput refuses bad input: %s', (_group, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const findings = c.findings();
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'INVALID_REQUEST', subCode: c.subCode, field: c.field }),
    );
    if (c.alone) expect(findings.map((f) => `${f.subCode} ${f.field}`)).toEqual([`${c.subCode} ${c.field}`]);
    for (const finding of findings) expect(finding.message.length).toBeGreaterThan(10);
  });
});

describe('validateSignInput reports all findings', () => {
  it('lists every fault of a request, not just the first', () => {
    const data = structuredClone(fodSamples.signSale);
    data.vatNo = 'BE0000000098';
    data.employeeId = '84022899838';
    data.posFiscalTicketNo = 0;
    const martini = nth(data.transaction.transactionLines, 0);
    martini.mainProduct.unitPrice = -12;
    nth(martini.mainProduct.vats, 0).price = 24.01;
    nth(data.transaction.transactionLines, 1).mainProduct.quantity = -1;
    data.financials = [];
    const result = validateSignInput('signSale', data);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.map((f) => [f.subCode, f.field])).toEqual([
      ['INVALID_VATNO', 'vatNo'],
      ['INVALID_POSFISCALTICKETNO', 'posFiscalTicketNo'],
      ['INVALID_EMPLOYEEID', 'employeeId'],
      ['VAT_PRICE_CHECK_FAILED', `${line0}.mainProduct.unitPrice`],
      ['LINE_TOTAL_MISMATCH', `${line0}.lineTotal`],
      ['EXPECTED_NEGQUANTITYREASON', 'transaction.transactionLines[1].mainProduct.negQuantityReason'],
      ['FINANCIALS_MISMATCH', 'financials'],
    ]);
  });

  it('caps a flood of findings at 1,000 and says how many were left out', () => {
    const data = structuredClone(fodSamples.signOrder);
    const line = dryMartini();
    line.mainProduct.productName = '';
    line.mainProduct.departmentName = '';
    data.transaction = {
      transactionLines: Array.from({ length: 600 }, () => line),
      transactionTotal: 14_400,
    };
    const result = validateSignInput('signOrder', data);
    const findings = result.ok ? [] : result.error;
    expect(findings).toHaveLength(1_001);
    expect(findings.at(-1)).toMatchObject({ subCode: 'TOO_MANY_FINDINGS', field: '' });
    expect(findings.at(-1)?.message).toContain('200 further findings');
  });

  it('messages say what was expected', () => {
    const data = { ...fodSamples.signWorkIn, posDateTime: '2025-06-12T12:03:11Z' };
    const result = validateSignInput('signWorkIn', data);
    expect(result.ok ? '' : nth(result.error, 0).message).toMatch(/\+01:00 or \+02:00/);
    const order = structuredClone(fodSamples.signOrder);
    order.transaction.transactionTotal = 37.37;
    const totals = validateSignInput('signOrder', order);
    expect(totals.ok ? '' : nth(totals.error, 0).message).toContain(
      '37.37 but the sum of lineTotal is 37.36',
    );
  });
});
