import type { UplinkAnswer } from '@gks/fdm';

/** How forwarding one POS request ended, wherever the FDM's link is. */
export type ForwardResult =
  | { readonly kind: 'answer'; readonly answer: UplinkAnswer }
  /** The FDM cut its answer off, or the link died while the request was in flight. */
  | { readonly kind: 'lost' }
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'timeout' };

/** Timers as an adapter, so that tests can check the 5 s limit without waiting 5 s. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
