/**
 * Read buffers that came back from the checkers, for the next reads: fresh memory for every
 * 2 MiB read costs page faults and garbage collection of external memory, about as much as
 * the read itself. A buffer is given back only when nothing refers to its bytes any more.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(private readonly limit = 16) {}

  /** A buffer of exactly `size` bytes, reusing a returned one when one is large enough. */
  take(size: number): Buffer {
    const i = this.free.findIndex((b) => b.byteLength >= size);
    if (i >= 0) {
      const [b] = this.free.splice(i, 1) as [ArrayBuffer];
      return Buffer.from(b, 0, size);
    }
    return Buffer.allocUnsafeSlow(size);
  }

  give(buffer: ArrayBuffer): void {
    if (this.free.length < this.limit && buffer.byteLength > 0) this.free.push(buffer);
  }
}
