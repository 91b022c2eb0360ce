import { createContext, useContext } from 'react';
import type { ApiError } from '../api/client.js';
import type { PosApi } from '../api/pos-api.js';
import type { FdmState, Me, Receipt, RegisterIdentity } from '../api/types.js';

export type View =
  | { readonly name: 'tables' }
  | { readonly name: 'order'; readonly registrationId: string }
  | { readonly name: 'pay'; readonly registrationId: string }
  | { readonly name: 'tickets' }
  | { readonly name: 'drawer' }
  | { readonly name: 'reports' }
  | { readonly name: 'settings' };

/** What every screen of a logged-in user can reach. */
export interface Pos {
  readonly api: PosApi;
  readonly identity: RegisterIdentity;
  readonly me: Me;
  readonly fdm: FdmState | null;
  readonly training: boolean;
  /** Selling is possible only while the FDM works (C-26). */
  readonly canSell: boolean;
  go(view: View): void;
  refreshMe(): Promise<void>;
  /** After the manager changed the establishment data: the top bar shows the new name. */
  refreshIdentity(): Promise<void>;
  refreshFdm(): Promise<void>;
  /** Shows a refusal of the server in plain words; FDM trouble also refreshes the FDM state. */
  fail(error: ApiError): void;
  /** With `ticketId`, the dialog also prints through the server. */
  showReceipt(receipt: Receipt, title: string, ticketId?: number): void;
  /** After an event the FDM signed: shows its MANDATORY messages, and the FDM is known to work again. */
  afterSigned(messages: readonly string[]): void;
  /** While the FDM is down: allow one more attempt (the server refuses it if the FDM still fails). */
  retrySelling(): void;
}

export const PosContext = createContext<Pos | null>(null);

export function usePos(): Pos {
  const pos = useContext(PosContext);
  if (!pos) throw new Error('usePos outside a logged-in session');
  return pos;
}
