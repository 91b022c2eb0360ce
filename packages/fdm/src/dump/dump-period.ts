import { err, ok } from '@gks/core';
import type { Result } from '@gks/core';

/** Belgian calendar dates, both inclusive; a missing end is open. */
export interface DumpPeriod {
  readonly from?: string;
  readonly to?: string;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Undefined when `text` is a real calendar date written YYYY-MM-DD, else why not. */
export function dateProblem(text: string): string | undefined {
  const m = isoDate.exec(text);
  if (!m) return `"${text}" is not a date of the form YYYY-MM-DD`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return `"${text}" is not a calendar date`;
  }
  return undefined;
}

export function checkPeriod(period: DumpPeriod): Result<DumpPeriod, { reason: string }> {
  for (const date of [period.from, period.to]) {
    const problem = date === undefined ? undefined : dateProblem(date);
    if (problem) return err({ reason: problem });
  }
  if (period.from !== undefined && period.to !== undefined && period.from > period.to) {
    return err({ reason: `the period starts (${period.from}) after it ends (${period.to})` });
  }
  return ok(period);
}

/**
 * Reads an `FDM.DER` period file (our format, see the README "Dumps"): ASCII lines `FROM=YYYY-MM-DD`
 * and/or `TO=YYYY-MM-DD`, each at most once; blank lines and lines starting with `#` are ignored;
 * CRLF is accepted. Anything else is refused rather than guessed: a misread period would copy
 * the wrong data.
 */
export function parseFdmDer(text: string): Result<DumpPeriod, { reason: string }> {
  const found: { FROM?: string; TO?: string } = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(FROM|TO)=(.*)$/.exec(line);
    if (!m) return err({ reason: `FDM.DER line ${i + 1}: expected FROM=YYYY-MM-DD or TO=YYYY-MM-DD` });
    const key = m[1] as 'FROM' | 'TO';
    if (found[key] !== undefined) return err({ reason: `FDM.DER line ${i + 1}: ${key} given twice` });
    found[key] = (m[2] as string).trim();
  }
  if (found.FROM === undefined && found.TO === undefined) return err({ reason: 'FDM.DER names no period' });
  const checked = checkPeriod({ from: found.FROM, to: found.TO });
  return checked.ok ? checked : err({ reason: `FDM.DER: ${checked.error.reason}` });
}

/** Both restrictions at once: the later start and the earlier end. */
export function intersectPeriods(a: DumpPeriod, b: DumpPeriod): DumpPeriod {
  const later = (x?: string, y?: string) => (x === undefined ? y : y === undefined ? x : x > y ? x : y);
  const earlier = (x?: string, y?: string) => (x === undefined ? y : y === undefined ? x : x < y ? x : y);
  const from = later(a.from, b.from);
  const to = earlier(a.to, b.to);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

export function inPeriod(date: string, period: DumpPeriod): boolean {
  return (period.from === undefined || date >= period.from) && (period.to === undefined || date <= period.to);
}
