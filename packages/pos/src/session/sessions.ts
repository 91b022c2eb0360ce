import { randomBytes } from 'node:crypto';
import { ok, type Result } from '@gks/core';
import { appendJournalEntry, type Clock, type Database } from '../journal/journal.js';
import {
  findTerminal,
  isTerminalTokenShaped,
  terminalByToken,
  tokenHash,
  type Terminal,
} from '../master-data/terminals.js';
import { checkLogin, findUser, type UserWithEmployeeId } from '../master-data/users.js';
import { posError, type PosError } from '../register/pos-error.js';
import { AccessCache } from './access-cache.js';

interface Session {
  readonly userId: string;
  readonly terminalId: string;
  lastUsed: number;
}

/**
 * Logged-in users (C-29): a PIN login on an authenticated terminal gives a session token. Sessions
 * live in memory: after a restart everybody logs in again. Logins and logouts are journaled.
 */
export class Sessions {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #sessions = new Map<string, Session>();
  readonly #known = new AccessCache();

  constructor(db: Database, clock: Clock, options: { idleMs?: number } = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#idleMs = options.idleMs ?? 8 * 3600_000;
  }

  async terminal(token: string | null): Promise<Result<Terminal, PosError>> {
    if (!token)
      return posError('TERMINAL_UNKNOWN', 'this device is not a registered terminal (x-terminal-token)');
    const terminal = isTerminalTokenShaped(token)
      ? await this.#known.terminal(tokenHash(token), () => terminalByToken(this.#db, token))
      : null;
    if (!terminal) return posError('TERMINAL_UNKNOWN', 'this device is not a registered terminal');
    if (!terminal.active) return posError('TERMINAL_RETIRED', `terminal ${terminal.terminalId} is retired`);
    return ok(terminal);
  }

  async login(
    terminal: Terminal,
    alias: string,
    pin: string,
  ): Promise<Result<{ token: string; user: UserWithEmployeeId }, PosError>> {
    const user = await checkLogin(this.#db, alias, pin);
    if (!user) return posError('LOGIN_FAILED', 'unknown alias or wrong PIN');
    const token = randomBytes(24).toString('base64url');
    this.#sessions.set(token, {
      userId: user.userId,
      terminalId: terminal.terminalId,
      lastUsed: this.#clock.now().getTime(),
    });
    const entry = await appendJournalEntry(
      this.#db,
      { kind: 'login', terminalId: terminal.terminalId, userId: user.userId, data: { alias: user.alias } },
      this.#clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok({ token, user });
  }

  /**
   * The session's user as the database has it now (training flag, active; kept in memory until
   * this process changes a user), on the terminal it logged in on.
   */
  async user(terminal: Terminal, token: string | null): Promise<Result<UserWithEmployeeId, PosError>> {
    const session = token ? this.#sessions.get(token) : undefined;
    const now = this.#clock.now().getTime();
    if (
      !token ||
      !session ||
      session.terminalId !== terminal.terminalId ||
      now - session.lastUsed > this.#idleMs
    )
      return posError('NOT_LOGGED_IN', 'log in first: no operation without a logged-in user (C-29)');
    const user = await this.#known.user(session.userId, () => findUser(this.#db, session.userId));
    if (!user || !user.active) {
      this.#sessions.delete(token);
      return posError('NOT_LOGGED_IN', 'the user was deactivated');
    }
    session.lastUsed = now;
    return ok(user);
  }

  async logout(token: string): Promise<boolean> {
    const session = this.#sessions.get(token);
    if (!session) return false;
    this.#sessions.delete(token);
    const terminal = await findTerminal(this.#db, session.terminalId);
    const entry = await appendJournalEntry(
      this.#db,
      { kind: 'logout', terminalId: terminal?.terminalId ?? null, userId: session.userId, data: {} },
      this.#clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return true;
  }
}
