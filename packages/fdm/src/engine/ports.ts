import type { SignResult } from '@gks/core';
import type { EventSigner } from '../signing/event-signature.js';
import type { SignedEventFields } from '../signing/signed-event.js';

/**
 * What the engine needs from the FDM's other parts. The engine depends on these shapes only, so
 * the event memory, error log and state can evolve (or be faked) without touching it.
 */
export interface StoredEventShape {
  readonly fields: SignedEventFields;
  readonly request: unknown;
  readonly result: SignResult;
}

export interface MemoryDamage {
  readonly recordIndex: number;
  readonly offset: number;
  readonly reason: string;
}

export interface EngineMemory {
  readonly count: number;
  readonly lastHash: string;
  readonly sizeBytes: number;
  readonly capacityBytes: number;
  readonly damage?: MemoryDamage | undefined;
  /**
   * `requestJson` is canonicalJson(event.request) when the caller already has it (the engine
   * hashed it for dataHash): the memory then neither re-encodes nor re-canonicalises the request.
   */
  append(event: StoredEventShape, requestJson?: string): Promise<{ index: number; hash: string }>;
  read(fromIndex?: number): AsyncIterable<{ index: number; hash: string; event: StoredEventShape }>;
  /** The signed fields alone, oldest first: cheaper than read() when that is all one needs. */
  signedFields(fromIndex?: number): AsyncIterable<{ index: number; fields: SignedEventFields }>;
}

export interface EngineErrorLog {
  append(entry: {
    fdmDateTime: string;
    posId?: string;
    operation?: string;
    code: string;
    subCode?: string;
    field?: string;
    message: string;
  }): Promise<unknown>;
}

export interface EngineConfig {
  readonly fdmId: string;
  readonly vatNo: string;
  readonly estNo: string;
  readonly allowedPosIds: readonly string[];
  readonly vatRates: readonly { label: string; ratePercent: number; outOfScope: boolean }[];
  /** Tables that apply from a later Belgian calendar day (YYYY-MM-DD) on, as the service sent them. */
  readonly vatRateChanges?: readonly {
    readonly from: string;
    readonly rates: readonly { label: string; ratePercent: number; outOfScope: boolean }[];
  }[];
  readonly verificationBaseUrl: string;
  readonly fdmSwVersion: string;
}

export interface EngineState {
  readonly config: EngineConfig;
  readonly signer: EventSigner;
}

/**
 * The event uploader as the engine sees it: whether the tax administration's service has been
 * unreachable long enough to warn or to lock, and a nudge after each durable sign.
 */
export interface EngineUpload {
  status(): { readonly uploadFailing: boolean; readonly locked: boolean };
  nudge(): void;
}

/** The parameter refresher as the engine sees it: which refreshes have failed long enough to warn. */
export interface EngineParameterStatus {
  status(): { readonly parametersFailing: boolean; readonly allowListFailing: boolean };
}

/** The client certificate as the engine sees it: what to warn about, and until when it is valid. */
export interface EngineCertificateStatus {
  status(): { readonly nearExpiration: boolean; readonly expired: boolean; readonly renewalFailing: boolean };
  notAfter(): Date;
}
