export type { SignedEvent, ReportContext, ReportProblem } from './period-events.js';
export type * from './report-model.js';
export { computeTurnoverReport, type TurnoverReport } from './turnover-report.js';
export { computeUserReport, type UserReport } from './user-report.js';
export { toTurnoverInput, toUserItems } from './turnover-input.js';
export { financialReportPrint, usersReportPrint, type ReportPrintOptions } from './report-print.js';
