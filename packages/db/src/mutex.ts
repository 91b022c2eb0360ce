/**
 * A first-come first-served lock. PGlite is one connection: a transaction must own it from
 * BEGIN to COMMIT, or statements of concurrent callers would interleave inside it.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when the caller owns the lock; call the returned function exactly once to release. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const acquired = this.#tail.then(() => once(release));
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) throw new Error('Mutex released twice');
    called = true;
    fn();
  };
}
