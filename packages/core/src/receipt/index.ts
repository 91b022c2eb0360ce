export * from './model.js';
export type * from './inputs.js';
export type { ReceiptProblem } from './problems.js';
export { buildVatTicket } from './build/vat-ticket.js';
export { buildProFormaTicket } from './build/pro-forma.js';
export { buildTrainingTicket } from './build/training.js';
export { buildCopy, type CopyTicketInput } from './build/copy.js';
export { buildInvoice, type Customer, type InvoiceTicketInput } from './build/invoice.js';
export {
  buildFinancialSlip,
  type FinancialLine,
  type FinancialOperation,
  type FinancialSlipInput,
} from './build/financial-slip.js';
export {
  buildReportReceipt,
  type ReportPrint,
  type ReportReceiptInput,
  type ReportPrintRow,
  type ReportPrintSection,
} from './build/report.js';
export { buildKitchenTicket, type KitchenItem, type KitchenTicketInput } from './build/kitchen.js';
export { pluLinesOf } from './build/sections.js';
export { layoutReceipt, type PrintLine, type ReceiptWidth } from './render/layout.js';
export { renderText, type TextRenderOptions } from './render/text.js';
export { renderEscPos, type EscPosRenderOptions } from './render/escpos.js';
export { renderHtml, escapeHtml } from './render/html.js';
export { qrMatrix } from './render/qr.js';
