import type { Finding } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { EventFacts } from './business.js';

/** One record after the per-record checks: small enough to send between threads. */
export interface EventSummary {
  readonly index: number;
  readonly offset?: number;
  /**
   * SHA-256 of the record bytes (memory file), or the recordHash a dump states. Left out when
   * the next record of the same batch links to it: the worker compared them already.
   */
  readonly recordHash?: string;
  /** The previous-record hash in the record header (memory file only); left out when `linked`. */
  readonly headerPrevHash?: string;
  /**
   * The header's previous-record hash equals the hash of the record before it in the same
   * batch (compared in the worker, so the two hashes need not travel to the main thread).
   */
  readonly linked?: true;
  /** The bytes failed their checksum: the hash above is not the original record's. */
  readonly damaged: boolean;
  readonly fields?: SignedFields;
  readonly digitalSignature?: string;
  /** fdmDateTime in ms since the epoch, NaN when unreadable. */
  readonly timeMs?: number;
  readonly facts?: EventFacts;
  readonly findings: Finding[];
}
