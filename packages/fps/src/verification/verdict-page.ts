import type { TicketVerdict } from './verify-ticket.js';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Cents as euros with a comma, as on a Belgian ticket. */
export const euros = (cents: number): string =>
  `${cents < 0 ? '-' : ''}€ ${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

const headline: Record<TicketVerdict['status'], string> = {
  valid: 'This ticket is registered',
  unknown: 'This ticket is not known (yet)',
  forged: 'This ticket does not match: its signature is not the registered one',
  malformed: 'This is not a ticket reference',
};

/** The public verification page: what the QR code on a VAT ticket opens. */
export function verdictPage(verdict: TicketVerdict): string {
  const rows: [string, string][] = [];
  if (verdict.status !== 'malformed') {
    rows.push(['FDM', verdict.fdmId], ['Ticket counter', String(verdict.totalCounter)]);
  }
  if (verdict.status === 'valid') {
    rows.push(
      ['Date and time (FDM)', verdict.fdmDateTime],
      ['Event', `${verdict.eventLabel} ${verdict.eventOperation}`],
    );
    if (verdict.totalCents !== null) rows.push(['Total', euros(verdict.totalCents)]);
    if (verdict.estNo) rows.push(['Establishment', verdict.estNo]);
    if (verdict.vatNo) rows.push(['VAT number', verdict.vatNo]);
    if (verdict.isTraining) rows.push(['Mode', 'training (not a sale)']);
  }
  if (verdict.status === 'unknown') {
    rows.push(['Note', 'An FDM uploads its tickets within minutes, and within 10 days when it was offline.']);
  }
  if (verdict.status === 'malformed') rows.push(['Reason', verdict.reason]);
  const table = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ticket verification</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
th{text-align:left;padding-right:1rem}.valid{color:#0a6b2d}.unknown{color:#8a5a00}.forged,.malformed{color:#a11}</style>
</head><body>
<h1 class="${verdict.status}">${escapeHtml(headline[verdict.status])}</h1>
<table>
${table}
</table>
</body></html>
`;
}
