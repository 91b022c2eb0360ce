import type { AuditedEvent, AuditFilter } from './audit-queries.js';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const cents = (v: number | null): string => (v === null ? '' : (v / 100).toFixed(2));

/** The auditor's HTML list of uploaded events (read-only; the same data as ?format=json). */
export function auditPage(events: readonly AuditedEvent[], filter: AuditFilter): string {
  const rows = events
    .map((e) =>
      [
        e.fdmId,
        String(e.totalCounter),
        e.fdmDateTime,
        `${e.eventLabel}${e.eventCounter}`,
        e.eventOperation,
        e.posId,
        String(e.posFiscalTicketNo),
        e.estNo ?? '',
        cents(e.totalCents),
        e.shortSignature,
      ]
        .map((v) => `<td>${escapeHtml(v)}</td>`)
        .join(''),
    )
    .map((r) => `<tr>${r}</tr>`)
    .join('\n');
  const last = events.at(-1);
  const next =
    last && events.length === filter.limit
      ? `<p><a href="?${escapeHtml(
          new URLSearchParams({
            ...(filter.fdmId ? { fdmId: filter.fdmId } : {}),
            ...(filter.from ? { from: filter.from } : {}),
            ...(filter.to ? { to: filter.to } : {}),
            limit: String(filter.limit),
            after: `${last.fdmId}:${last.totalCounter}`,
          }).toString(),
        )}">next page</a></p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Uploaded events (auditor, read-only)</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd;font-size:.9rem}</style>
</head><body>
<h1>Uploaded events</h1>
<form method="get"><label>FDM <input name="fdmId" value="${escapeHtml(filter.fdmId ?? '')}"></label>
<label>from <input name="from" value="${escapeHtml(filter.from ?? '')}"></label>
<label>to <input name="to" value="${escapeHtml(filter.to ?? '')}"></label> <button>filter</button></form>
<table><thead><tr><th>FDM</th><th>total counter</th><th>FDM date-time</th><th>event</th><th>operation</th><th>POS</th><th>POS ticket</th><th>establishment</th><th>total €</th><th>short signature</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${next}
</body></html>
`;
}
