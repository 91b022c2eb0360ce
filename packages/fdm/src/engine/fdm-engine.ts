import {
  centsToEuros,
  computeVatCalc,
  defaultVatRates,
  eventOperationOf,
  formatFdmDateTime,
  labelFor,
  languageValues,
  ok,
  err,
  validateSignInput,
  type Device,
  type EventLabel,
  type InvalidRequest,
  type Language,
  type MessageItem,
  type Result,
  type SignMutation,
  type SignMutationInputs,
  type SignResult,
  type VatLabel,
  type VatRateTable,
} from '@gks/core';
import { belgianDateOf } from '../dump/belgian-time.js';
import { FaultController } from '../faults/fault-controller.js';
import { signEvent, verificationUrlOf } from '../signing/event-signature.js';
import { canonicalJson } from '../signing/canonical-json.js';
import { sha256Hex, type SignedEventFields } from '../signing/signed-event.js';
import { MonotonicClock, type Clock } from './clock.js';
import type { DuplicateIndex } from './duplicate-index.js';
import { duplicateKeyOf, EngineSeed, type KeyEntry } from './engine-seed.js';
import { message, type MessageKey, type MessageParams } from './messages.js';
import type {
  EngineCertificateStatus,
  EngineErrorLog,
  EngineMemory,
  EngineParameterStatus,
  EngineState,
  EngineUpload,
  StoredEventShape,
} from './ports.js';

export type FdmErrorCode =
  | 'INVALID_REQUEST'
  | 'UNKNOWN_POS'
  | 'BUFFER_FULL'
  | 'FDM_NOT_OPERATIONAL'
  | 'FDM_LOCKED'
  | 'UNAUTHORIZED'
  | 'INTERNAL_ERROR'
  | 'UNDEFINED_ERROR'
  | 'TOO_MANY_MEMORY_ERRORS'
  | 'UNDEFINED_OTHER'
  | 'DUPLICATE_REQUEST';

/** Why the FDM did not sign. The API layer turns it into a localised GraphQL error. */
export interface FdmRefusal {
  readonly code: FdmErrorCode;
  readonly subCode?: string;
  /** Path inside `data`, e.g. `transaction.transactionTotal`. */
  readonly field?: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  /** Further validation findings of the same request (INVALID_REQUEST), after this first one. */
  readonly more?: readonly InvalidRequest[];
}

export interface FdmEngineOptions {
  readonly state: EngineState;
  readonly memory: EngineMemory;
  readonly errorLog: EngineErrorLog;
  readonly clock: Clock;
  readonly faults?: FaultController;
  /** How many of the newest events' keys are kept exactly (default 16,384); tests make it small. */
  readonly recentKeys?: number;
  /** The uploader to the tax administration's service, when the FDM has one. */
  readonly upload?: EngineUpload;
  /** Whether refreshing the service's parameters keeps failing (UPDATE_PARAMS_FAILED warnings). */
  readonly parameters?: EngineParameterStatus;
  /** The client certificate's state (CLIENT_CERT_NEAR_EXPIRATION and related warnings). */
  readonly certificate?: EngineCertificateStatus;
}

type VatRateChanges = NonNullable<EngineState['config']['vatRateChanges']>;

/** Above this share of the memory in use every answer carries BUFFER_NEAR_FULL. */
const nearFullPercent = 70;
/** Results kept in RAM for answering a resent request without reading the memory file. */
const recentResultsKept = 4096;
/**
 * Duplicate keys known exactly (key text and dataHash) for the newest events: resends come
 * within seconds or minutes of the original, and are then decided without any read. Older keys
 * are in the compact DuplicateIndex, confirmed against the record when their fingerprint matches.
 */
const recentKeysKept = 16_384;

/** Keys of older records read back to confirm fingerprint matches, by record index. */
type ConfirmedKeys = Map<number, { readonly key: string; readonly dataHash: string }>;

interface CommonFields {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
}

/**
 * The FDM's decision and signing core. One instance owns one event memory. Everything from the
 * checks to `memory.append` runs without an await, so under any concurrency each event gets the
 * next counters and the next place in the hash chain; only the durability wait is asynchronous.
 */
export class FdmEngine {
  readonly faults: FaultController;
  readonly #state: EngineState;
  readonly #memory: EngineMemory;
  readonly #errorLog: EngineErrorLog;
  readonly #upload: EngineUpload | undefined;
  readonly #parameters: EngineParameterStatus | undefined;
  readonly #certificate: EngineCertificateStatus | undefined;
  readonly #clock: MonotonicClock;
  // Replaced whole when the service's parameters are refreshed (applyParameters).
  #rates: VatRateTable;
  /** Tables from a later Belgian day on, ascending; empty on almost every FDM almost always. */
  #rateChanges: readonly { from: string; table: VatRateTable }[];
  #allowedPos: ReadonlySet<string>;
  readonly #eventCounters = new Map<EventLabel, number>();
  #totalCounter = 0;
  /** The newest events' keys, oldest first; events from #recentKeysFrom on are all in it. */
  readonly #recentKeys = new Map<string, KeyEntry>();
  readonly #recentKeysKept: number;
  #recentKeysFrom = 0;
  readonly #keyIndex: DuplicateIndex;
  readonly #recent = new Map<number, SignResult>();
  readonly #pending = new Map<number, Promise<unknown>>();
  #writeFailure: string | undefined;
  /** The largest record written so far: what the next one is assumed to need. */
  #recordBytes = 0;

  private constructor(options: FdmEngineOptions, floor: Date | undefined, keyIndex: DuplicateIndex) {
    this.#keyIndex = keyIndex;
    this.#recentKeysKept = Math.max(1, options.recentKeys ?? recentKeysKept);
    this.#state = options.state;
    this.#memory = options.memory;
    this.#errorLog = options.errorLog;
    this.#upload = options.upload;
    this.#clock = new MonotonicClock(options.clock, floor);
    this.faults = options.faults ?? new FaultController();
    this.#rates = rateTableOf(options.state.config.vatRates);
    this.#rateChanges = rateChangesOf(options.state.config.vatRateChanges);
    this.#allowedPos = new Set(options.state.config.allowedPosIds);
    this.#parameters = options.parameters;
    this.#certificate = options.certificate;
  }

  /** Takes refreshed parameters from the tax administration's service; the next sign uses them. */
  applyParameters(parameters: {
    readonly allowedPosIds?: readonly string[];
    readonly vatRates?: EngineState['config']['vatRates'];
    /** Comes with vatRates: the tables from a later day on (an empty list cancels earlier ones). */
    readonly vatRateChanges?: VatRateChanges;
  }): void {
    if (parameters.allowedPosIds) this.#allowedPos = new Set(parameters.allowedPosIds);
    if (parameters.vatRates) {
      this.#rates = rateTableOf(parameters.vatRates);
      this.#rateChanges = rateChangesOf(parameters.vatRateChanges);
    }
  }

  /** The VAT rates a sale signed at `instant` is computed with (the newest table of that Belgian day). */
  vatRatesAt(instant: Date): VatRateTable {
    if (this.#rateChanges.length === 0) return this.#rates;
    const day = belgianDateOf(instant);
    let table = this.#rates;
    for (const change of this.#rateChanges) if (change.from <= day) table = change.table;
    return table;
  }

  /** The allow-list the engine checks posIds against now. */
  allowedPosIds(): string[] {
    return [...this.#allowedPos];
  }

  /**
   * Rebuilds counters, the duplicate-key index and the clock floor from the memory: from
   * `seed` when it was fed while the memory opened (one pass over the file, see seedFor), else
   * by reading the memory's signed fields.
   */
  static async open(options: FdmEngineOptions & { seed?: EngineSeed }): Promise<FdmEngine> {
    let seed = options.seed;
    if (!seed || seed.records !== options.memory.count) {
      seed = FdmEngine.seedFor(options);
      for await (const { index, fields } of options.memory.signedFields(0)) seed.add(index, fields);
    }
    const engine = new FdmEngine(options, seed.floor, seed.keyIndex);
    for (const [label, n] of seed.counters) engine.#eventCounters.set(label, n);
    engine.#totalCounter = seed.totalCounter;
    for (const [key, entry] of seed.recentKeys()) engine.#rememberKey(key, entry);
    // Until a record is written in this run, the average stored record stands for the next one.
    if (options.memory.count > 0) {
      engine.#recordBytes = Math.ceil(options.memory.sizeBytes / options.memory.count);
    }
    return engine;
  }

  /** A seed to pass as EventMemory.open's `onRecord: seed.add`, then to open(). */
  static seedFor(options: { recentKeys?: number } = {}): EngineSeed {
    return new EngineSeed(Math.max(1, options.recentKeys ?? recentKeysKept));
  }

  get fdmId(): string {
    return this.#state.config.fdmId;
  }

  get totalCounter(): number {
    return this.#totalCounter;
  }

  eventCounter(label: EventLabel): number {
    return this.#eventCounters.get(label) ?? 0;
  }

  /** Percentage of the memory in use, 0..100 with two decimals, faults included. */
  bufferCapacityUsed(): number {
    const real = Math.min(
      100,
      Math.round((this.#memory.sizeBytes / this.#memory.capacityBytes) * 10_000) / 100,
    );
    switch (this.faults.settings.buffer) {
      case 'full':
        return 100;
      case 'near-full':
        return Math.max(real, 75);
      default:
        return real;
    }
  }

  device(): Device {
    const fdmId = this.#state.config.fdmId;
    return {
      id: fdmId,
      fdmId,
      fdmSwVersion: this.#state.config.fdmSwVersion,
      fdmDateTime: formatFdmDateTime(this.#clock.peek()),
      bufferCapacityUsed: this.bufferCapacityUsed(),
    };
  }

  /** The operational refusal that every sign request would get now, if any. */
  operationalProblem(): FdmRefusal | undefined {
    const damage = this.#memory.damage;
    if (damage) {
      return refusal('FDM_NOT_OPERATIONAL', 'memoryDamaged', {
        recordIndex: damage.recordIndex,
        offset: damage.offset,
        reason: damage.reason,
      });
    }
    if (this.#writeFailure !== undefined) {
      return refusal('FDM_NOT_OPERATIONAL', 'memoryDamaged', {
        recordIndex: this.#memory.count,
        reason: this.#writeFailure,
      });
    }
    const f = this.faults.settings;
    if (f.notOperational) return refusal('FDM_NOT_OPERATIONAL', 'notOperational');
    if (f.locked || this.#upload?.status().locked) return refusal('FDM_LOCKED', 'locked');
    if (f.buffer === 'full' || this.#memory.sizeBytes + this.#recordBytes > this.#memory.capacityBytes) {
      return refusal('BUFFER_FULL', 'bufferFull');
    }
    return undefined;
  }

  /** Warnings every answer carries now (BUFFER_NEAR_FULL, TRANSACTION_UPLOAD_FAILED), in the asker's language. */
  standingWarnings(language: Language): MessageItem[] {
    const warnings: MessageItem[] = [];
    const used = this.bufferCapacityUsed();
    if (used > nearFullPercent) {
      warnings.push(
        messageItem('BUFFER_NEAR_FULL', message('bufferNearFull', language, { percent: used }), 'MANDATORY'),
      );
    }
    // MANDATORY: left alone it ends in FDM_LOCKED, so the operator has to see it in time.
    if (this.#upload?.status().uploadFailing) {
      warnings.push(messageItem('TRANSACTION_UPLOAD_FAILED', message('uploadFailed', language), 'MANDATORY'));
    }
    // OPTIONAL: the FDM keeps signing with its last good parameters; the operator should know.
    const parameters = this.#parameters?.status();
    if (parameters?.parametersFailing) {
      warnings.push(
        messageItem('UPDATE_PARAMS_FAILED', message('parametersUpdateFailed', language), 'OPTIONAL'),
      );
    }
    if (parameters?.allowListFailing) {
      warnings.push(
        messageItem('UPDATE_POS_ALLOWLIST_FAILED', message('allowListUpdateFailed', language), 'OPTIONAL'),
      );
    }
    const certificate = this.#certificate?.status();
    if (certificate) {
      // MANDATORY: an expired certificate stops the uploads, and 10 days later the FDM locks.
      if (certificate.expired)
        warnings.push(
          messageItem('CLIENT_CERT_EXPIRED', message('certificateExpired', language), 'MANDATORY'),
        );
      else if (certificate.nearExpiration) {
        const date = this.#certificate?.notAfter().toISOString().slice(0, 10) ?? '';
        warnings.push(
          messageItem(
            'CLIENT_CERT_NEAR_EXPIRATION',
            message('certificateNearExpiration', language, { date }),
            'MANDATORY',
          ),
        );
      }
      if (certificate.renewalFailing)
        warnings.push(
          messageItem('UPDATE_CLIENT_CERT_FAILED', message('certificateUpdateFailed', language), 'OPTIONAL'),
        );
    }
    return warnings;
  }

  /**
   * Signs one event, or refuses it. `data` is the mutation's input as received (after GraphQL
   * coercion); it is validated here, so any value may come in.
   */
  async sign(
    mutation: SignMutation,
    data: unknown,
    isTraining: boolean,
  ): Promise<Result<SignResult, FdmRefusal>> {
    let decided = this.#decide(mutation, data, isTraining);
    // An older key's fingerprint matched: read those records, then decide again (records never
    // change; anything signed meanwhile is among the recent keys, which are exact).
    const confirmed: ConfirmedKeys = new Map();
    while (decided.kind === 'confirm') {
      for (const index of decided.indexes) {
        const known = await this.#keyAt(index);
        if (!known) {
          const problem = refusal('INTERNAL_ERROR', 'internalError');
          await this.#logRefusal(mutation, data, problem);
          return err(problem);
        }
        confirmed.set(index, known);
      }
      decided = this.#decide(mutation, data, isTraining, confirmed);
    }
    if (decided.kind === 'refused') {
      await this.#logRefusal(mutation, data, decided.refusal);
      return err(decided.refusal);
    }
    if (decided.kind === 'duplicate') {
      const original = await this.#resultAt(decided.index);
      if (!original) {
        const problem = refusal('INTERNAL_ERROR', 'internalError');
        await this.#logRefusal(mutation, data, problem);
        return err(problem);
      }
      const language = languageOf(data);
      const duplicate = messageItem('DUPLICATE_REQUEST', message('duplicateRequest', language), 'OPTIONAL');
      return ok({ ...original, warnings: [...(original.warnings ?? []), duplicate] });
    }
    try {
      await decided.durable;
    } catch (error) {
      // The event's place in the chain is taken but it is not on disk: nothing after it may be signed.
      this.#writeFailure = `write failed: ${(error as Error).message}`;
      const problem = this.operationalProblem() ?? refusal('INTERNAL_ERROR', 'internalError');
      await this.#logRefusal(mutation, data, problem);
      return err(problem);
    }
    this.#upload?.nudge();
    return ok(decided.result);
  }

  #decide(
    mutation: SignMutation,
    data: unknown,
    isTraining: boolean,
    confirmed?: ConfirmedKeys,
  ):
    | { kind: 'refused'; refusal: FdmRefusal }
    | { kind: 'confirm'; indexes: number[] }
    | { kind: 'duplicate'; index: number }
    | { kind: 'signed'; result: SignResult; durable: Promise<unknown> } {
    const operational = this.operationalProblem();
    if (operational) return { kind: 'refused', refusal: operational };
    const injected = this.faults.takeError();
    if (injected) {
      return {
        kind: 'refused',
        refusal: {
          ...refusal(injected.code, 'injected', { code: injected.code }),
          ...injectedSubCode(injected),
        },
      };
    }

    // GraphQL coercion already gave `data` the input type's shape; core checks every value.
    const validated = validateSignInput(mutation, data as SignMutationInputs[typeof mutation]);
    if (!validated.ok) return { kind: 'refused', refusal: invalid(validated.error) };
    const input = validated.value.data as unknown as CommonFields;
    const config = this.#state.config;

    if (!this.#allowedPos.has(input.posId)) {
      return { kind: 'refused', refusal: refusal('UNKNOWN_POS', 'unknownPos', { posId: input.posId }) };
    }
    if (input.vatNo !== config.vatNo) {
      return {
        kind: 'refused',
        refusal: {
          ...refusal('INVALID_REQUEST', 'vatNoMismatch', { registered: config.vatNo, given: input.vatNo }),
          subCode: 'VATNO_MISMATCH',
          field: 'vatNo',
        },
      };
    }
    if (input.estNo !== config.estNo) {
      return {
        kind: 'refused',
        refusal: {
          ...refusal('INVALID_REQUEST', 'estNoMismatch', { registered: config.estNo, given: input.estNo }),
          subCode: 'ESTNO_MISMATCH',
          field: 'estNo',
        },
      };
    }

    const eventLabel = labelFor(mutation, isTraining);
    // One canonical form per request: hashed here, stored as it is by the memory.
    const requestJson = canonicalJson(data);
    const dataHash = sha256Hex(requestJson);
    const key = duplicateKeyOf({ ...input, eventLabel });
    const seen = this.#seenKey(key, confirmed);
    if (seen === 'confirm') return { kind: 'confirm', indexes: this.#unconfirmed(key, confirmed) };
    if (seen) {
      if (seen.dataHash === dataHash) return { kind: 'duplicate', index: seen.index };
      return {
        kind: 'refused',
        refusal: {
          ...refusal('INVALID_REQUEST', 'keyAlreadyUsed'),
          subCode: 'KEY_FIELD_COMBINATION_ALREADY_USED',
          field: 'posFiscalTicketNo',
        },
      };
    }

    // From here to memory.append: no await, no early return. Counters and chain order are fixed here.
    const eventCounter = this.eventCounter(eventLabel) + 1;
    const totalCounter = this.#totalCounter + 1;
    const stamped = this.#clock.stamp();
    const fields: SignedEventFields = {
      fdmId: config.fdmId,
      fdmDateTime: formatFdmDateTime(stamped),
      eventLabel,
      eventCounter,
      totalCounter,
      eventOperation: eventOperationOf[mutation],
      isTraining,
      posId: input.posId,
      posFiscalTicketNo: input.posFiscalTicketNo,
      posDateTime: input.posDateTime,
      terminalId: input.terminalId,
      deviceId: input.deviceId,
      dataHash,
      prevHash: this.#memory.lastHash,
    };
    const { digitalSignature, shortSignature } = signEvent(this.#state.signer, fields);
    const isSale = eventLabel === 'N';
    const result: SignResult = {
      posId: input.posId,
      posFiscalTicketNo: input.posFiscalTicketNo,
      posDateTime: input.posDateTime,
      posSwVersion: input.posSwVersion,
      terminalId: input.terminalId,
      deviceId: input.deviceId,
      eventOperation: fields.eventOperation,
      fdmRef: {
        fdmId: fields.fdmId,
        fdmDateTime: fields.fdmDateTime,
        eventLabel,
        eventCounter,
        totalCounter,
      },
      fdmSwVersion: config.fdmSwVersion,
      digitalSignature,
      shortSignature: isSale ? shortSignature : '',
      verificationUrl: isSale
        ? verificationUrlOf(config.verificationBaseUrl, config.fdmId, totalCounter, shortSignature)
        : '',
      vatCalc: isSale ? this.#vatCalc(validated.value.vatTotals, stamped) : null,
      bufferCapacityUsed: this.bufferCapacityUsed(),
      warnings: this.standingWarnings(input.language),
      informations: null,
      footer: footerFor(eventLabel, mutation, input.language),
    };
    const stored: StoredEventShape = { fields, request: data, result };
    const index = this.#memory.count;
    const sizeBefore = this.#memory.sizeBytes;
    const appended = this.#memory.append(stored, requestJson);
    this.#recordBytes = Math.max(this.#recordBytes, this.#memory.sizeBytes - sizeBefore);
    this.#eventCounters.set(eventLabel, eventCounter);
    this.#totalCounter = totalCounter;
    this.#keyIndex.add(key, index);
    this.#rememberKey(key, { dataHash, index });
    this.#remember(index, result);
    const durable = appended.finally(() => this.#pending.delete(index));
    this.#pending.set(index, durable);
    return { kind: 'signed', result, durable };
  }

  #vatCalc(parts: readonly { label: VatLabel; totalCents: number }[], at: Date): SignResult['vatCalc'] {
    return computeVatCalc(parts, this.vatRatesAt(at)).map((item) => ({
      label: item.label,
      rate: item.ratePercent,
      taxableAmount: centsToEuros(item.taxableCents),
      vatAmount: centsToEuros(item.vatCents),
      totalAmount: centsToEuros(item.totalCents),
      outOfScope: item.outOfScope,
    }));
  }

  /** The event holding `key`, 'confirm' when older records must be read to know. */
  #seenKey(key: string, confirmed: ConfirmedKeys | undefined): KeyEntry | 'confirm' | undefined {
    const recent = this.#recentKeys.get(key);
    if (recent) return recent;
    let unknown = false;
    for (const index of this.#keyIndex.candidates(key)) {
      // From #recentKeysFrom on every key is in #recentKeys: a fingerprint match there is a collision.
      if (index >= this.#recentKeysFrom) continue;
      const known = confirmed?.get(index);
      if (!known) unknown = true;
      else if (known.key === key) return { dataHash: known.dataHash, index };
    }
    return unknown ? 'confirm' : undefined;
  }

  #unconfirmed(key: string, confirmed: ConfirmedKeys | undefined): number[] {
    return this.#keyIndex
      .candidates(key)
      .filter((index) => index < this.#recentKeysFrom && !confirmed?.has(index));
  }

  #rememberKey(key: string, entry: KeyEntry): void {
    this.#recentKeys.set(key, entry);
    if (this.#recentKeys.size === 1) this.#recentKeysFrom = entry.index;
    if (this.#recentKeys.size > this.#recentKeysKept) {
      const oldest = this.#recentKeys.entries().next();
      if (!oldest.done) {
        this.#recentKeys.delete(oldest.value[0]);
        this.#recentKeysFrom = oldest.value[1].index + 1;
      }
    }
  }

  /** The duplicate key and dataHash of the stored event at `index`, undefined if unreadable. */
  async #keyAt(index: number): Promise<{ key: string; dataHash: string } | undefined> {
    try {
      for await (const { fields } of this.#memory.signedFields(index)) {
        return { key: duplicateKeyOf(fields), dataHash: fields.dataHash };
      }
    } catch {
      // A damaged memory: the caller refuses, and the next request meets FDM_NOT_OPERATIONAL.
    }
    return undefined;
  }

  #remember(index: number, result: SignResult): void {
    this.#recent.set(index, result);
    if (this.#recent.size > recentResultsKept) {
      const oldest = this.#recent.keys().next();
      if (!oldest.done) this.#recent.delete(oldest.value);
    }
  }

  /** The answer given for the event at `index`, once that event is durable. */
  async #resultAt(index: number): Promise<SignResult | undefined> {
    const pending = this.#pending.get(index);
    if (pending) await pending.catch(() => undefined);
    const cached = this.#recent.get(index);
    if (cached) return cached;
    for await (const record of this.#memory.read(index)) {
      return record.event.result;
    }
    return undefined;
  }

  async #logRefusal(mutation: SignMutation, data: unknown, r: FdmRefusal): Promise<void> {
    const posId = stringField(data, 'posId');
    try {
      await this.#errorLog.append({
        fdmDateTime: formatFdmDateTime(this.#clock.peek()),
        ...(posId === undefined ? {} : { posId }),
        operation: eventOperationOf[mutation],
        code: r.code,
        ...(r.subCode === undefined ? {} : { subCode: r.subCode }),
        ...(r.field === undefined ? {} : { field: r.field }),
        message: message(r.messageKey, 'EN', r.params),
      });
    } catch {
      // A full or broken error log must not turn a refusal into a crash; the refusal still goes out.
    }
  }
}

function refusal(code: FdmErrorCode, messageKey: MessageKey, params: MessageParams = {}): FdmRefusal {
  return { code, messageKey, params };
}

function injectedSubCode(injected: { subCode?: string }): Partial<FdmRefusal> {
  return injected.subCode === undefined ? {} : { subCode: injected.subCode };
}

function invalid(findings: readonly InvalidRequest[]): FdmRefusal {
  const [first, ...more] = findings;
  if (!first) return refusal('INVALID_REQUEST', 'invalidRequest', { subCode: 'INVALID_REQUEST', field: '' });
  return {
    code: 'INVALID_REQUEST',
    subCode: first.subCode,
    field: first.field,
    messageKey: 'invalidRequest',
    params: { subCode: first.subCode, field: first.field, detail: first.message },
    ...(more.length > 0 ? { more } : {}),
  };
}

export function messageItem(
  code: string,
  text: string,
  showPos: 'MANDATORY' | 'OPTIONAL' | 'NEVER',
): MessageItem {
  return { message: text, locations: null, extensions: { category: 'FDM', code, data: null, showPos } };
}

function footerFor(label: EventLabel, mutation: SignMutation, language: Language): string[] {
  switch (label) {
    case 'T':
      return [message('training', language), message('notAVatTicket', language)];
    case 'P':
      return mutation === 'signPreBill'
        ? [message('notAVatTicket', language)]
        : [message('proForma', language), message('notAVatTicket', language)];
    default:
      return [];
  }
}

function rateTableOf(rates: EngineState['config']['vatRates']): VatRateTable {
  const table: Record<VatLabel, VatRateTable[VatLabel]> = { ...defaultVatRates };
  for (const r of rates) {
    if (r.label in table) {
      const label = r.label as VatLabel;
      table[label] = { label, ratePercent: r.ratePercent, outOfScope: r.outOfScope };
    }
  }
  return table;
}

function rateChangesOf(changes: VatRateChanges | undefined): { from: string; table: VatRateTable }[] {
  return [...(changes ?? [])]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((change) => ({ from: change.from, table: rateTableOf(change.rates) }));
}

/** The request's language when it is a valid one, else EN (used before validation succeeds). */
export function languageOf(data: unknown): Language {
  const l = stringField(data, 'language');
  return languageValues.includes(l as Language) ? (l as Language) : 'EN';
}

function stringField(data: unknown, name: string): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const v = (data as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}
