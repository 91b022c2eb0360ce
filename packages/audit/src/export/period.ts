import { brusselsOffsetMinutes, err, ok } from '@gks/core';
import type { Result } from '@gks/core';

/**
 * A period of Belgian calendar dates, both ends inclusive, either end open: the semantics of the
 * FDM's dumps (fdm README "Dumps"): an event belongs to the day of its fdmDateTime in Brussels.
 */
export interface Period {
  readonly from?: string;
  readonly to?: string;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateProblem(text: string): string | undefined {
  const m = isoDate.exec(text);
  if (!m) return `"${text}" is not a date of the form YYYY-MM-DD`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return `"${text}" is not a calendar date`;
  }
  return undefined;
}

export function checkPeriod(period: Period): Result<Period, string> {
  for (const date of [period.from, period.to]) {
    const problem = date === undefined ? undefined : dateProblem(date);
    if (problem) return err(problem);
  }
  if (period.from !== undefined && period.to !== undefined && period.from > period.to) {
    return err(`the period starts (${period.from}) after it ends (${period.to})`);
  }
  return ok(period);
}

/**
 * An FDM.DER period file: lines FROM=YYYY-MM-DD and/or TO=YYYY-MM-DD, each at most once; blank
 * lines and # comments ignored; CRLF accepted. Anything else is refused, as the FDM refuses it.
 */
export function parseFdmDer(text: string): Result<Period, string> {
  const found: { FROM?: string; TO?: string } = {};
  for (const [i, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(FROM|TO)=(.*)$/.exec(line);
    if (!m) return err(`FDM.DER line ${i + 1}: expected FROM=YYYY-MM-DD or TO=YYYY-MM-DD`);
    const key = m[1] as 'FROM' | 'TO';
    if (found[key] !== undefined) return err(`FDM.DER line ${i + 1}: ${key} given twice`);
    found[key] = (m[2] as string).trim();
  }
  if (found.FROM === undefined && found.TO === undefined) return err('FDM.DER names no period');
  const period = {
    ...(found.FROM !== undefined ? { from: found.FROM } : {}),
    ...(found.TO !== undefined ? { to: found.TO } : {}),
  };
  const checked = checkPeriod(period);
  return checked.ok ? checked : err(`FDM.DER: ${checked.error}`);
}

/** Both restrictions: the later start and the earlier end. */
export function intersect(a: Period, b: Period): Period {
  const from = [a.from, b.from]
    .filter((d) => d !== undefined)
    .sort()
    .at(-1);
  const to = [a.to, b.to].filter((d) => d !== undefined).sort()[0];
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** The Brussels calendar date of an instant. */
export function belgianDate(instantMs: number): string {
  const instant = new Date(instantMs);
  const local = new Date(instantMs + brusselsOffsetMinutes(instant) * 60_000);
  return local.toISOString().slice(0, 10);
}

export function inPeriod(date: string, period: Period): boolean {
  return (period.from === undefined || date >= period.from) && (period.to === undefined || date <= period.to);
}
