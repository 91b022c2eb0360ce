import { findingCodes } from '../findings/finding.js';
import type { Finding, FindingCode } from '../findings/finding.js';
import type { VerifyReport } from './verify.js';

function where(f: Finding): string {
  const r = f.record;
  const parts = [
    r.fdmRef !== undefined ? `event ${r.fdmRef}` : r.index !== undefined ? `record ${r.index}` : undefined,
    r.ticket ? `ticket ${r.ticket.posId}/${r.ticket.posFiscalTicketNo}` : undefined,
    r.journalSeq !== undefined ? `journal seq ${r.journalSeq}` : undefined,
    r.offset !== undefined && r.fdmRef === undefined ? `byte ${r.offset}` : undefined,
  ].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'input';
}

/** The human summary: the verdict, counts per code, then each finding (at most `limit`). */
export function formatSummary(report: VerifyReport, limit = 50): string {
  const lines: string[] = [];
  const span =
    report.firstEvent && report.lastEvent
      ? ` (totalCounter ${report.firstEvent.totalCounter}..${report.lastEvent.totalCounter}, ` +
        `${report.firstEvent.fdmDateTime} .. ${report.lastEvent.fdmDateTime})`
      : '';
  lines.push(
    report.errors === 0
      ? `OK: no errors in ${report.events} FDM event(s)${span}` +
          (report.warnings > 0 ? `, ${report.warnings} warning(s)` : '')
      : `NOT OK: ${report.errors} error(s), ${report.warnings} warning(s) in ${report.events} FDM event(s)${span}`,
  );
  lines.push(
    `FDM ${report.fdmId ?? '(unknown)'}; ${report.journalEvents} journal event(s) cross-checked; ` +
      `${(report.elapsedMs / 1000).toFixed(1)} s, ${report.threads} worker thread(s), ${report.signatureEngine} signature check`,
  );
  const codes = Object.entries(report.byCode) as [FindingCode, number][];
  if (codes.length > 0) {
    lines.push('', 'Findings by code:');
    for (const [code, n] of codes.sort((a, b) => b[1] - a[1])) {
      lines.push(`  ${findingCodes[code].severity.padEnd(7)} ${code.padEnd(30)} ${String(n).padStart(7)}`);
    }
    lines.push('', 'Findings:');
    const shown = [...report.findings].sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
    );
    for (const f of shown.slice(0, limit)) {
      lines.push(`  ${f.severity.toUpperCase()} ${f.code} at ${where(f)}: ${f.explanation}`);
      lines.push(`      likely cause: ${f.suggestedCause}`);
    }
    const more = report.errors + report.warnings - Math.min(limit, shown.length);
    if (more > 0) lines.push(`  ... and ${more} more (all of them in the JSON report, --json FILE)`);
  }
  return lines.join('\n') + '\n';
}
