import { checkBookingDate, checkPosId, err, ok, vatLabelValues, type Result, type VatLabel } from '@gks/core';
import { SerialTicker, type RefreshTimer } from '../periodic/serial-ticker.js';
import type { FdmConfig } from '../state/fdm-state.js';

type VatRates = FdmConfig['vatRates'];
type VatRateChanges = NonNullable<FdmConfig['vatRateChanges']>;

/** The refreshable part of the service's parameters, after validation. */
export interface RefreshedParameters {
  /** Undefined when the service's allow-list was unusable: the last good one stays. */
  readonly allowedPosIds?: string[];
  /** Undefined when the service's VAT rates were unusable: the last good ones stay. */
  readonly vatRates?: VatRates;
  /** Present with vatRates: the tables from a later day on (empty when none is announced). */
  readonly vatRateChanges?: VatRateChanges;
}

export interface ParameterRefresherOptions {
  /** GET /fdm/parameters with the FDM's certificate; a network failure rejects. */
  readonly fetch: () => Promise<{ status: number; body: unknown }>;
  /** The registration the parameters must keep (fdmId, vatNo, estNo) and the last good values. */
  readonly current: () => FdmConfig;
  /** Hands validated parameters to the running engine. */
  readonly apply: (parameters: RefreshedParameters) => void;
  /** Keeps them across a restart (fdm.json, written atomically). */
  readonly persist: (parameters: RefreshedParameters) => Promise<void>;
  readonly timer?: RefreshTimer;
  /** Consecutive failed refreshes before the warning (default 3). */
  readonly failuresBeforeWarning?: number;
  /** Where refusals are reported (default console.warn). */
  readonly warn?: (text: string) => void;
}

/** Why one refresh did not take (part of) the service's parameters. */
export interface RefreshOutcome {
  readonly parametersProblem?: string;
  readonly allowListProblem?: string;
}

/**
 * Fetches the service's parameters on start and every interval, validates them, applies them to
 * the engine and persists them. A failure keeps the last good parameters; after repeated
 * failures the engine warns UPDATE_PARAMS_FAILED / UPDATE_POS_ALLOWLIST_FAILED.
 */
export class ParameterRefresher {
  readonly #options: ParameterRefresherOptions;
  readonly #ticker: SerialTicker<RefreshOutcome>;
  readonly #threshold: number;
  #parameterFailures = 0;
  #allowListFailures = 0;

  constructor(options: ParameterRefresherOptions) {
    this.#options = options;
    this.#ticker = new SerialTicker(() => this.#refreshOnce(), options.timer);
    this.#threshold = Math.max(1, options.failuresBeforeWarning ?? 3);
  }

  status(): { parametersFailing: boolean; allowListFailing: boolean } {
    return {
      parametersFailing: this.#parameterFailures >= this.#threshold,
      allowListFailing: this.#allowListFailures >= this.#threshold,
    };
  }

  /** Refreshes now, then every `intervalMs`. */
  start(intervalMs: number): void {
    this.#ticker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.#ticker.stop();
  }

  /** One refresh, after any refresh still running. */
  refreshNow(): Promise<RefreshOutcome> {
    return this.#ticker.runNow();
  }

  async #refreshOnce(): Promise<RefreshOutcome> {
    let answer: { status: number; body: unknown };
    try {
      answer = await this.#options.fetch();
    } catch (error) {
      return this.#failed({ parametersProblem: `service unreachable: ${(error as Error).message}` });
    }
    if (answer.status !== 200) {
      return this.#failed({ parametersProblem: `the service answered ${answer.status}` });
    }
    const checked = validateParameters(answer.body, this.#options.current());
    if (!checked.ok) return this.#failed({ parametersProblem: checked.error });
    const { parameters, outcome } = checked.value;
    if (parameters.allowedPosIds !== undefined || parameters.vatRates !== undefined) {
      try {
        await this.#options.persist(parameters);
      } catch (error) {
        return this.#failed({ parametersProblem: `cannot persist: ${(error as Error).message}` });
      }
      this.#options.apply(parameters);
    }
    this.#parameterFailures = outcome.parametersProblem ? this.#parameterFailures + 1 : 0;
    this.#allowListFailures = outcome.allowListProblem ? this.#allowListFailures + 1 : 0;
    this.#report(outcome);
    return outcome;
  }

  #failed(outcome: RefreshOutcome): RefreshOutcome {
    // Nothing was taken: neither the parameters nor the allow-list are current.
    this.#parameterFailures++;
    this.#allowListFailures++;
    this.#report(outcome);
    return outcome;
  }

  #report(outcome: RefreshOutcome): void {
    const warn = this.#options.warn ?? ((text: string) => console.warn(text));
    if (outcome.parametersProblem) warn(`parameter refresh: ${outcome.parametersProblem}`);
    if (outcome.allowListProblem) warn(`POS allow-list refresh: ${outcome.allowListProblem}`);
  }
}

/**
 * Checks the service's answer against the FDM's registration. A changed fdmId, vatNo or estNo
 * refuses everything (the FDM is registered to one establishment); a bad allow-list or bad VAT
 * rates refuse only that part.
 */
export function validateParameters(
  body: unknown,
  registration: Pick<FdmConfig, 'fdmId' | 'vatNo' | 'estNo'>,
): Result<{ parameters: RefreshedParameters; outcome: RefreshOutcome }, string> {
  if (typeof body !== 'object' || body === null) return err('the answer is not an object');
  const b = body as Record<string, unknown>;
  for (const field of ['fdmId', 'vatNo', 'estNo'] as const) {
    if (b[field] !== registration[field])
      return err(`${field} changed from ${registration[field]} to ${String(b[field])}: refused`);
  }
  const allowList = checkAllowList(b.allowedPosIds);
  // The rates in force and the announced changes are one table: both are taken, or neither.
  const current = checkVatRates(b.vatRates);
  const changes = current.ok ? checkVatRateChanges(b.vatRateChanges) : undefined;
  const rates: Result<{ vatRates: VatRates; vatRateChanges: VatRateChanges }, string> = !current.ok
    ? current
    : changes && !changes.ok
      ? changes
      : ok({ vatRates: current.value, vatRateChanges: changes?.ok ? changes.value : [] });
  return ok({
    parameters: {
      ...(allowList.ok ? { allowedPosIds: allowList.value } : {}),
      ...(rates.ok ? rates.value : {}),
    },
    outcome: {
      ...(rates.ok ? {} : { parametersProblem: rates.error }),
      ...(allowList.ok ? {} : { allowListProblem: allowList.error }),
    },
  });
}

function checkAllowList(value: unknown): Result<string[], string> {
  if (!Array.isArray(value)) return err('allowedPosIds is not a list');
  const ids: string[] = [];
  for (const [i, posId] of (value as unknown[]).entries()) {
    if (typeof posId !== 'string' || !checkPosId(posId).ok)
      return err(`allowedPosIds[${i}] is not a posId: ${String(posId)}`);
    if (ids.includes(posId)) return err(`allowedPosIds lists ${posId} twice`);
    ids.push(posId);
  }
  return ok(ids);
}

/** Absent is none (a service that announces nothing); each entry a later day with a full table. */
function checkVatRateChanges(value: unknown): Result<VatRateChanges, string> {
  if (value === undefined) return ok([]);
  if (!Array.isArray(value)) return err('vatRateChanges is not a list');
  const changes: VatRateChanges = [];
  for (const [i, entry] of (value as unknown[]).entries()) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const from = typeof e.from === 'string' ? checkBookingDate(e.from) : undefined;
    if (!from?.ok) return err(`vatRateChanges[${i}].from is not a date (YYYY-MM-DD)`);
    const previous = changes.at(-1);
    if (previous && previous.from >= from.value) return err(`vatRateChanges are not in ascending date order`);
    const rates = checkVatRates(e.rates, `vatRateChanges[${i}].rates`);
    if (!rates.ok) return rates;
    changes.push({ from: from.value, rates: rates.value });
  }
  return ok(changes);
}

function checkVatRates(value: unknown, name = 'vatRates'): Result<VatRates, string> {
  if (!Array.isArray(value)) return err(`${name} is not a list`);
  const rates: VatRates = [];
  for (const [i, entry] of (value as unknown[]).entries()) {
    const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const label = r.label;
    if (typeof label !== 'string' || !(vatLabelValues as readonly string[]).includes(label))
      return err(`${name}[${i}].label is not a VAT label`);
    if (rates.some((x) => x.label === label)) return err(`${name} lists ${label} twice`);
    const percent = r.ratePercent;
    // Sane: a percentage between 0 and 100 with at most two decimals (Belgian rates are 0, 6, 12, 21).
    if (
      typeof percent !== 'number' ||
      !Number.isFinite(percent) ||
      percent < 0 ||
      percent > 100 ||
      Math.abs(Math.round(percent * 100) - percent * 100) > 1e-9
    )
      return err(`${name}[${i}].ratePercent is not a percentage: ${String(percent)}`);
    if (typeof r.outOfScope !== 'boolean') return err(`${name}[${i}].outOfScope is not a boolean`);
    rates.push({ label: label as VatLabel, ratePercent: percent, outOfScope: r.outOfScope });
  }
  return ok(rates);
}
