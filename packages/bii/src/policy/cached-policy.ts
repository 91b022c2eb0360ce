import type { BridgePolicy, EndUser, PolicyDecision } from './bridge-policy.js';

export interface CachedPolicyOptions {
  /** How long a decision is reused. Default 1 s: a change made on another node applies within it. */
  readonly ttlMs?: number;
  /** Decisions kept at most; beyond, the cache starts over. Default 10,000. */
  readonly maxEntries?: number;
  /**
   * A number that changes whenever the policy is changed in this process (see
   * `policyGeneration`): every cached decision is dropped then, so a change made through this
   * node's service applies to the very next request.
   */
  readonly generation?: () => number;
  readonly now?: () => number;
}

interface Entry {
  readonly decision: Promise<PolicyDecision>;
  readonly at: number;
}

/**
 * The bridge asks the policy on every request; a lookup in embedded PGlite costs about 300 us
 * of the one thread that also forwards (a round trip with a PostgreSQL server). This reuses a
 * decision for a second, shares one lookup among concurrent requests of the same end user, and
 * never caches a failed lookup (that request fails closed, A-6; the next one asks again).
 */
export class CachedPolicy implements BridgePolicy {
  readonly #inner: BridgePolicy;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #generation: () => number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  #seenGeneration: number;

  constructor(inner: BridgePolicy, options: CachedPolicyOptions = {}) {
    this.#inner = inner;
    this.#ttlMs = options.ttlMs ?? 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#generation = options.generation ?? (() => 0);
    this.#now = options.now ?? (() => performance.now());
    this.#seenGeneration = this.#generation();
  }

  decide(fdmId: string, user: EndUser): Promise<PolicyDecision> {
    const generation = this.#generation();
    if (generation !== this.#seenGeneration) {
      this.#entries.clear();
      this.#seenGeneration = generation;
    }
    const key = `${fdmId}\n${user.vatNo}\n${user.estNo}\n${user.posId}`;
    const now = this.#now();
    const cached = this.#entries.get(key);
    if (cached && now - cached.at < this.#ttlMs) return cached.decision;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    const decision = this.#inner.decide(fdmId, user);
    const entry = { decision, at: now };
    this.#entries.set(key, entry);
    decision.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return decision;
  }

  /** Forgets every decision. */
  clear(): void {
    this.#entries.clear();
  }
}
