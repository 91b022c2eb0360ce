import { checkEstNo, checkFdmId, checkPosId, checkVatNo, err, ok, type Result } from '@gks/core';

/** The end user of a request: who runs the POS, where, on which POS. */
export interface EndUser {
  readonly vatNo: string;
  readonly estNo: string;
  readonly posId: string;
}

/**
 * What the policy says about one request, checked in the addendum's order (3.3): the end user
 * must be allowed for that FDM, then the FDM's bridge use must be switched on.
 */
export type PolicyDecision = 'allowed' | 'not-allowed' | 'not-operational';

/**
 * The bridge asks only this on every request. Today a SQL table managed with `gks bii enable`;
 * later the tax administration's service feeds it (another implementation of the same interface).
 */
export interface BridgePolicy {
  decide(fdmId: string, user: EndUser): Promise<PolicyDecision>;
}

export interface PolicyChangeRequest {
  readonly fdmId: string;
  /** Without an end user, `enable` switches the FDM back on, `disable` switches it off. */
  readonly endUser?: EndUser;
  /** Who made the change (operator account, ticket id). */
  readonly actor: string;
  /** Why: e.g. the operator's request reference for a fully cloud-based POS. */
  readonly reason: string;
  readonly at: Date;
}

export interface PolicyChange extends PolicyChangeRequest {
  readonly seq: number;
  readonly action: 'enable' | 'disable';
}

export interface FdmPolicy {
  readonly fdmId: string;
  readonly enabled: boolean;
  readonly changedAt: Date;
  readonly allowed: readonly (EndUser & { readonly since: Date })[];
}

/** Managing the policy: every change is appended to a log that is never rewritten. */
export interface PolicyAdmin extends BridgePolicy {
  enable(change: PolicyChangeRequest): Promise<Result<void, string>>;
  disable(change: PolicyChangeRequest): Promise<Result<void, string>>;
  list(): Promise<FdmPolicy[]>;
  history(fdmId?: string): Promise<PolicyChange[]>;
}

/** Checks the identifiers of a change with the same rules the FDM applies. */
export function checkChange(change: PolicyChangeRequest): Result<void, string> {
  const fdm = checkFdmId(change.fdmId);
  if (!fdm.ok) return err(`fdmId: ${fdm.error.reason}`);
  if (change.endUser) {
    const checks = [
      ['vatNo', checkVatNo(change.endUser.vatNo)],
      ['estNo', checkEstNo(change.endUser.estNo)],
      ['posId', checkPosId(change.endUser.posId)],
    ] as const;
    for (const [name, check] of checks) if (!check.ok) return err(`${name}: ${check.error.reason}`);
  }
  if (change.actor.trim() === '') return err('actor: say who makes the change');
  if (Number.isNaN(change.at.getTime())) return err('at: not a date');
  return ok(undefined);
}
