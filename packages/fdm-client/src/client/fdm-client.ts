import type {
  CopyInput,
  CostCenterChangeInput,
  Device,
  DrawerOpenInput,
  InvoiceInput,
  Language,
  MessageItem,
  MoneyInOutInput,
  OrderInput,
  PaymentCorrectionInput,
  PreBillInput,
  ReportTurnoverXInput,
  ReportTurnoverZInput,
  ReportUserXInput,
  ReportUserZInput,
  Result,
  SaleInput,
  SignMutation,
  SignMutationInputs,
  SignResult,
  Status,
  WorkInOutInput,
} from '@gks/core';
import { err, ok } from '@gks/core';
import type { FdmError } from '../errors/fdm-error.js';
import { deviceDocument, statusDocument, statusInLanguageDocument } from '../operations/documents.js';
import type { PreparedQuery, PreparedSignRequest } from '../request/prepared-request.js';
import { prepareQuery, prepareSignRequest } from '../request/prepared-request.js';
import type { SignAnswer } from '../response/read-answer.js';
import { readDeviceAnswer, readSignAnswer, readStatusAnswer } from '../response/read-answer.js';
import type { FdmTransport, HttpAnswer } from '../transport/http-transport.js';

export interface SignOptions {
  /** Training mode: the FDM signs a T event that is no fiscal sale (C-labels: T). */
  readonly isTraining: boolean;
}

export interface SignOutcome {
  readonly result: SignResult;
  /** Warnings and informations with showPos MANDATORY: the POS must show them. */
  readonly mandatoryMessages: readonly MessageItem[];
  /** The FDM answered with the event it had already signed for these bytes (DUPLICATE_REQUEST). */
  readonly duplicate: boolean;
  /** How many times the bytes were posted, 1 when the first attempt answered. */
  readonly attempts: number;
  /** The exact bytes sent, every attempt. */
  readonly requestBytes: Uint8Array;
}

export interface ResendPolicy {
  /** Resends after the first attempt; 0 disables resending. */
  readonly maxResends: number;
  /** Wait before resend n (0-based); the last entry repeats. */
  readonly delaysMs: readonly number[];
}

export const defaultResendPolicy: ResendPolicy = { maxResends: 3, delaysMs: [250, 1000, 2000] };

export interface FdmClientConfig {
  readonly transport: FdmTransport;
  readonly resend?: Partial<ResendPolicy>;
  /** Waiting adapter, so tests can resend without real delays. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const languageHeader = (language: Language | undefined): Record<string, string> =>
  language === undefined ? {} : { 'Accept-Language': language.toLowerCase() };

/**
 * The FDM 2.0 client: one method per mutation, plus the two queries. It never throws for what can
 * go wrong on the way to the FDM; failures come back as `FdmError` values.
 */
export class FdmClient {
  private readonly transport: FdmTransport;
  private readonly policy: ResendPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(config: FdmClientConfig) {
    const maxResends = config.resend?.maxResends ?? defaultResendPolicy.maxResends;
    const delaysMs = config.resend?.delaysMs ?? defaultResendPolicy.delaysMs;
    if (!Number.isInteger(maxResends) || maxResends < 0)
      throw new RangeError('maxResends must be an integer >= 0');
    if (delaysMs.length === 0 || delaysMs.some((d) => !Number.isFinite(d) || d < 0)) {
      throw new RangeError('delaysMs must be a non-empty list of delays >= 0');
    }
    this.transport = config.transport;
    this.policy = { maxResends, delaysMs };
    this.sleep = config.sleep ?? realSleep;
  }

  signSale(data: SaleInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signSale', data, options);
  }
  signInvoice(data: InvoiceInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signInvoice', data, options);
  }
  signOrder(data: OrderInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signOrder', data, options);
  }
  signCostCenterChange(
    data: CostCenterChangeInput,
    options: SignOptions,
  ): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signCostCenterChange', data, options);
  }
  signPreBill(data: PreBillInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signPreBill', data, options);
  }
  signMoneyInOut(data: MoneyInOutInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signMoneyInOut', data, options);
  }
  signDrawerOpen(data: DrawerOpenInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signDrawerOpen', data, options);
  }
  signPaymentCorrection(
    data: PaymentCorrectionInput,
    options: SignOptions,
  ): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signPaymentCorrection', data, options);
  }
  signWorkIn(data: WorkInOutInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signWorkIn', data, options);
  }
  signWorkOut(data: WorkInOutInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signWorkOut', data, options);
  }
  signCopy(data: CopyInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signCopy', data, options);
  }
  signReportTurnoverX(
    data: ReportTurnoverXInput,
    options: SignOptions,
  ): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signReportTurnoverX', data, options);
  }
  signReportTurnoverZ(
    data: ReportTurnoverZInput,
    options: SignOptions,
  ): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signReportTurnoverZ', data, options);
  }
  signReportUserX(data: ReportUserXInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signReportUserX', data, options);
  }
  signReportUserZ(data: ReportUserZInput, options: SignOptions): Promise<Result<SignOutcome, FdmError>> {
    return this.sign('signReportUserZ', data, options);
  }

  /** Any of the 15 mutations by name: prepares the bytes once and sends them. */
  sign<M extends SignMutation>(
    mutation: M,
    data: SignMutationInputs[M],
    options: SignOptions,
  ): Promise<Result<SignOutcome, FdmError>> {
    return this.send(this.prepare(mutation, data, options.isTraining));
  }

  /** The exact bytes for one event, to store in an outbox before `send`. */
  prepare<M extends SignMutation>(
    mutation: M,
    data: SignMutationInputs[M],
    isTraining: boolean,
  ): PreparedSignRequest {
    return prepareSignRequest(mutation, data, isTraining);
  }

  /**
   * Posts the prepared bytes, and the same bytes again after a timeout, a lost answer or another
   * passing failure, up to `maxResends` times. A repeat the FDM recognises comes back as success
   * with `duplicate: true`. Definitive refusals (INVALID_REQUEST, UNKNOWN_POS, ...) are not resent.
   */
  async send(prepared: PreparedSignRequest): Promise<Result<SignOutcome, FdmError>> {
    const outcome = await this.postWithResends(prepared, (answer) =>
      readSignAnswer(answer, prepared.mutation),
    );
    if (!outcome.ok) return outcome;
    const { value, attempts } = outcome.value;
    return ok({ ...value, attempts, requestBytes: prepared.body });
  }

  /** Health and identity of the FDM; `language` selects the language of its messages. */
  async status(language?: Language): Promise<Result<Status, FdmError>> {
    const prepared =
      language === undefined
        ? prepareQuery(statusDocument, {})
        : prepareQuery(statusInLanguageDocument, { language }, language);
    const outcome = await this.postWithResends(prepared, readStatusAnswer);
    return outcome.ok ? ok(outcome.value.value) : outcome;
  }

  /** The FDM's identity, as cloud-hosted FDMs answer it. */
  async device(): Promise<Result<Device, FdmError>> {
    const outcome = await this.postWithResends(prepareQuery(deviceDocument, {}), readDeviceAnswer);
    return outcome.ok ? ok(outcome.value.value) : outcome;
  }

  close(): void {
    this.transport.close();
  }

  private async postWithResends<T extends SignAnswer | Status | Device>(
    prepared: PreparedSignRequest | PreparedQuery,
    read: (answer: HttpAnswer) => Result<T, FdmError>,
  ): Promise<Result<{ value: T; attempts: number }, FdmError>> {
    const headers = languageHeader(prepared.language);
    for (let attempt = 1; ; attempt++) {
      const answer = await this.transport.post(prepared.body, headers);
      const outcome = answer.ok ? read(answer.value) : answer;
      if (outcome.ok) return ok({ value: outcome.value, attempts: attempt });
      const resendsDone = attempt - 1;
      if (!outcome.error.retryable || resendsDone >= this.policy.maxResends) return err(outcome.error);
      const delays = this.policy.delaysMs;
      await this.sleep(delays[Math.min(resendsDone, delays.length - 1)] ?? 0);
    }
  }
}
