import type { UplinkRequest } from '@gks/fdm';
import type { PeerClient } from '../peer/peer-hop.js';
import type { RouteTable } from '../routing/route-table.js';
import type { ForwardResult, Timers } from './forward-result.js';
import type { UplinkHub } from './uplink-hub.js';

export interface Forwarder {
  /** Through this node's own link to the FDM only (what a peer node asks of us). */
  local(fdmId: string, request: UplinkRequest, budgetMs: number): Promise<ForwardResult>;
  /** Through this node's link, else through the node that holds the FDM's link. */
  forward(fdmId: string, request: UplinkRequest, budgetMs: number): Promise<ForwardResult>;
}

export interface ForwarderOptions {
  readonly hub: UplinkHub;
  readonly nodeId: string;
  readonly timers: Timers;
  readonly now: () => Date;
  /** Absent on a single node: then an FDM not attached here is not connected. */
  readonly cluster?: { readonly routes: RouteTable; readonly peer: PeerClient };
}

/**
 * Gets a POS request to its FDM within the time limit (TIMEOUT after it, A-11). A request that
 * reached the FDM but whose answer was lost stays lost (`lost`): only the POS may resend it, with
 * the same bytes, and the FDM then recognises the duplicate.
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const { hub, timers } = options;

  const withDeadline = (
    work: Promise<ForwardResult>,
    budgetMs: number,
    onTimeout: () => void,
  ): Promise<ForwardResult> =>
    new Promise<ForwardResult>((resolve) => {
      let done = false;
      const timer = timers.setTimeout(() => {
        if (done) return;
        done = true;
        onTimeout();
        resolve({ kind: 'timeout' });
      }, budgetMs);
      work.then(
        (result) => {
          if (done) return;
          done = true;
          timers.clearTimeout(timer);
          resolve(result);
        },
        () => {
          if (done) return;
          done = true;
          timers.clearTimeout(timer);
          resolve({ kind: 'not-connected' });
        },
      );
    });

  const local = (fdmId: string, request: UplinkRequest, budgetMs: number): Promise<ForwardResult> => {
    const pending = hub.forward(fdmId, request);
    if (!pending) return Promise.resolve({ kind: 'not-connected' });
    return withDeadline(pending.outcome, budgetMs, pending.cancel);
  };

  return {
    local,
    forward(fdmId, request, budgetMs) {
      if (hub.isAttached(fdmId) || !options.cluster) return local(fdmId, request, budgetMs);
      const { routes, peer } = options.cluster;
      const started = Date.now();
      const work = (async (): Promise<ForwardResult> => {
        const route = await routes.whereIs(fdmId, options.now());
        if (!route || route.nodeId === options.nodeId) return { kind: 'not-connected' };
        const left = budgetMs - (Date.now() - started);
        return peer.forward(route.peerUrl, fdmId, request, Math.max(1, left));
      })();
      return withDeadline(work, budgetMs, () => undefined);
    },
  };
}
