import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

describe('Mutex', () => {
  it('lets one holder in at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const trace: string[] = [];
    const work = async (name: string, steps: number): Promise<void> => {
      const release = await mutex.acquire();
      trace.push(`${name}+`);
      for (let i = 0; i < steps; i++) await Promise.resolve();
      trace.push(`${name}-`);
      release();
    };
    await Promise.all([work('a', 5), work('b', 1), work('c', 3)]);
    expect(trace).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });

  it('refuses a double release, which would let two holders in', async () => {
    const release = await new Mutex().acquire();
    release();
    expect(() => release()).toThrow(/twice/);
  });
});
