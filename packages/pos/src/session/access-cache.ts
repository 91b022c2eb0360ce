import { accessRevision } from '../master-data/revision.js';
import type { Terminal } from '../master-data/terminals.js';
import type { UserWithEmployeeId } from '../master-data/users.js';

/**
 * Terminals by token hash and users by id, as every request's access check reads them: two
 * queries per request otherwise. Only rows that exist are kept (a stranger's guesses cost a
 * query, not memory), and everything is dropped when this process changes a terminal or user.
 */
export class AccessCache {
  #revision = accessRevision();
  readonly #terminals = new Map<string, Terminal>();
  readonly #users = new Map<string, UserWithEmployeeId>();

  terminal(tokenHash: string, load: () => Promise<Terminal | null>): Promise<Terminal | null> {
    return this.#cached(this.#terminals, tokenHash, load);
  }

  user(userId: string, load: () => Promise<UserWithEmployeeId | null>): Promise<UserWithEmployeeId | null> {
    return this.#cached(this.#users, userId, load);
  }

  async #cached<T>(map: Map<string, T>, key: string, load: () => Promise<T | null>): Promise<T | null> {
    const seen = accessRevision();
    if (seen !== this.#revision) {
      this.#terminals.clear();
      this.#users.clear();
      this.#revision = seen;
    }
    const hit = map.get(key);
    if (hit !== undefined) return hit;
    const loaded = await load();
    // A change committed while the row was being read may have made it stale: use it, keep nothing.
    if (loaded !== null && accessRevision() === seen && this.#revision === seen) map.set(key, loaded);
    return loaded;
  }
}
