import type { Finding } from '../findings/finding.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import type { EventFacts } from './business.js';

/** One record after the per-record checks: small enough to send between threads. */
export interface EventSummary {
  readonly index: number;
  readonly offset?: number;
  /** SHA-256 of the record bytes (memory file), or the recordHash a dump states. */
  readonly recordHash?: string;
  /** The previous-record hash in the record header (memory file only). */
  readonly headerPrevHash?: string;
  /** The bytes failed their checksum: the hash above is not the original record's. */
  readonly damaged: boolean;
  readonly fields?: SignedFields;
  readonly digitalSignature?: string;
  /** fdmDateTime in ms since the epoch, NaN when unreadable. */
  readonly timeMs?: number;
  readonly facts?: EventFacts;
  readonly findings: Finding[];
}
