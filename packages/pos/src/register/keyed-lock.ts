import { Mutex } from '../db/mutex.js';

/** One lock per key (a registration, a ticket): two operations on the same thing run one after the other. */
export class KeyedLock {
  readonly #locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // Sorted, so two operations taking the same two keys cannot wait on each other.
    const ordered = [...new Set(keys)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of ordered) {
        let entry = this.#locks.get(key);
        if (!entry) {
          entry = { mutex: new Mutex(), users: 0 };
          this.#locks.set(key, entry);
        }
        entry.users += 1;
        const release = await entry.mutex.acquire();
        releases.push(() => {
          release();
          const held = this.#locks.get(key);
          if (held && --held.users === 0) this.#locks.delete(key);
        });
      }
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }
}
