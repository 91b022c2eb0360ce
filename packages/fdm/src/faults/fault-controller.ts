import { err, ok, type Result } from '@gks/core';

/** Error codes the FDM can be told to answer (fdm-v2-notes, errors). */
export const injectableErrorCodes = [
  'INVALID_REQUEST',
  'UNKNOWN_POS',
  'BUFFER_FULL',
  'FDM_NOT_OPERATIONAL',
  'FDM_LOCKED',
  'UNAUTHORIZED',
  'INTERNAL_ERROR',
  'UNDEFINED_ERROR',
  'TOO_MANY_MEMORY_ERRORS',
  'UNDEFINED_OTHER',
  'DUPLICATE_REQUEST',
] as const;
export type InjectableErrorCode = (typeof injectableErrorCodes)[number];

export type BufferFault = 'normal' | 'near-full' | 'full';

/** The faults in force. Everything off is the FDM's normal behaviour. */
export interface FaultSettings {
  /** Every answer (sign or status) waits this long before it leaves. */
  readonly delayMs: number;
  /** The next N signed answers are lost: the event is stored, the connection is cut. -1: all. */
  readonly dropResponses: number;
  /** Sign requests are refused with this code; `times` counts down, -1 until switched off. */
  readonly error: {
    readonly code: InjectableErrorCode;
    readonly subCode?: string;
    readonly times: number;
  } | null;
  readonly buffer: BufferFault;
  readonly notOperational: boolean;
  readonly locked: boolean;
}

export const noFaults: FaultSettings = {
  delayMs: 0,
  dropResponses: 0,
  error: null,
  buffer: 'normal',
  notOperational: false,
  locked: false,
};

const maxDelayMs = 120_000;

/**
 * Fault injection for POS makers' tests: switched at run time (admin endpoint), off by default.
 * The engine and the HTTP layer ask it what to do; it only holds state.
 */
export class FaultController {
  #settings: FaultSettings = noFaults;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: { sleep?: (ms: number) => Promise<void> } = {}) {
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  get active(): boolean {
    return this.#settings !== noFaults;
  }

  /** Applies a patch from untrusted JSON; refuses it whole when any part is wrong. */
  update(patch: unknown): Result<FaultSettings, string> {
    const parsed = parseFaultPatch(patch);
    if (!parsed.ok) return parsed;
    const next = { ...this.#settings, ...parsed.value };
    this.#settings = isNoFaults(next) ? noFaults : next;
    return ok(this.#settings);
  }

  reset(): void {
    this.#settings = noFaults;
  }

  /** The injected error for this sign request, if any; counts it down. */
  takeError(): { code: InjectableErrorCode; subCode?: string } | undefined {
    const error = this.#settings.error;
    if (!error) return undefined;
    if (error.times > 0) {
      const left = error.times - 1;
      this.#set({ error: left === 0 ? null : { ...error, times: left } });
    }
    return error.subCode === undefined ? { code: error.code } : { code: error.code, subCode: error.subCode };
  }

  /** Whether the answer to this signed event must be lost; counts it down. */
  takeDrop(): boolean {
    const n = this.#settings.dropResponses;
    if (n === 0) return false;
    if (n > 0) this.#set({ dropResponses: n - 1 });
    return true;
  }

  /** Waits the injected delay (no-op when none). */
  async delay(): Promise<void> {
    const ms = this.#settings.delayMs;
    if (ms > 0) await this.#sleep(ms);
  }

  #set(patch: Partial<FaultSettings>): void {
    const next = { ...this.#settings, ...patch };
    this.#settings = isNoFaults(next) ? noFaults : next;
  }
}

function isNoFaults(s: FaultSettings): boolean {
  return (
    s.delayMs === 0 &&
    s.dropResponses === 0 &&
    s.error === null &&
    s.buffer === 'normal' &&
    !s.notOperational &&
    !s.locked
  );
}

const patchKeys = new Set(['delayMs', 'dropResponses', 'error', 'buffer', 'notOperational', 'locked']);

export function parseFaultPatch(patch: unknown): Result<Partial<FaultSettings>, string> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return err('expected a JSON object, e.g. {"delayMs": 3000}');
  }
  const out: { -readonly [K in keyof FaultSettings]?: FaultSettings[K] } = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!patchKeys.has(key)) return err(`unknown fault '${key}'; known: ${[...patchKeys].join(', ')}`);
    switch (key) {
      case 'delayMs':
        if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > maxDelayMs) {
          return err(`delayMs must be an integer from 0 to ${maxDelayMs}`);
        }
        out.delayMs = value as number;
        break;
      case 'dropResponses':
        if (!Number.isInteger(value) || (value as number) < -1) {
          return err('dropResponses must be an integer >= -1 (-1: every answer)');
        }
        out.dropResponses = value as number;
        break;
      case 'buffer':
        if (value !== 'normal' && value !== 'near-full' && value !== 'full') {
          return err("buffer must be 'normal', 'near-full' or 'full'");
        }
        out.buffer = value;
        break;
      case 'notOperational':
      case 'locked':
        if (typeof value !== 'boolean') return err(`${key} must be true or false`);
        out[key] = value;
        break;
      case 'error': {
        const parsed = parseErrorFault(value);
        if (!parsed.ok) return parsed;
        out.error = parsed.value;
        break;
      }
    }
  }
  return ok(out);
}

function parseErrorFault(value: unknown): Result<FaultSettings['error'], string> {
  if (value === null) return ok(null);
  if (typeof value === 'string') value = { code: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('error must be null, a code, or {"code": ..., "subCode"?: ..., "times"?: n}');
  }
  const { code, subCode, times, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return err(`unknown key in error: ${extra.join(', ')}`);
  if (!injectableErrorCodes.includes(code as InjectableErrorCode)) {
    return err(`error.code must be one of ${injectableErrorCodes.join(', ')}`);
  }
  if (subCode !== undefined && (typeof subCode !== 'string' || !/^[A-Z0-9_]{1,64}$/.test(subCode))) {
    return err('error.subCode must be an upper-case code such as TOTAL_MISMATCH');
  }
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < -1 || times === 0)) {
    return err('error.times must be a positive integer or -1 (until switched off)');
  }
  const fault = { code: code as InjectableErrorCode, times: (times as number | undefined) ?? -1 };
  return ok(subCode === undefined ? fault : { ...fault, subCode: subCode as string });
}
