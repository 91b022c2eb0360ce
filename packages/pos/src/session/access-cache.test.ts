import { describe, expect, it } from 'vitest';
import { accessDataChange } from '../master-data/revision.js';
import type { Terminal } from '../master-data/terminals.js';
import { AccessCache } from './access-cache.js';

const terminal = (name: string, active = true): Terminal => ({
  terminalId: 'T1',
  name,
  deviceId: 'dev-1',
  training: false,
  receiptPrinterId: null,
  kitchenPrinterId: null,
  active,
});

/** A loader that counts its calls and answers what `row` holds at the time. */
function table(initial: Terminal | null) {
  const state = { row: initial, loads: 0 };
  const load = async () => {
    state.loads += 1;
    return state.row;
  };
  return { state, load };
}

describe('AccessCache', () => {
  it('reads a terminal once while nothing changes', async () => {
    const cache = new AccessCache();
    const { state, load } = table(terminal('Bar'));
    for (let i = 0; i < 5; i++) expect((await cache.terminal('hash-1', load))?.name).toBe('Bar');
    expect(state.loads).toBe(1);
  });

  it('never keeps a miss: a terminal created later is found', async () => {
    const cache = new AccessCache();
    const { state, load } = table(null);
    expect(await cache.terminal('hash-1', load)).toBeNull();
    expect(await cache.terminal('hash-1', load)).toBeNull();
    state.row = terminal('New');
    expect((await cache.terminal('hash-1', load))?.name).toBe('New');
    expect(state.loads).toBe(3);
  });

  it('a change committed through this process is seen by the next request (a retired terminal at once)', async () => {
    const cache = new AccessCache();
    const { state, load } = table(terminal('Bar'));
    await cache.terminal('hash-1', load);
    await accessDataChange(async () => {
      state.row = terminal('Bar', false);
    });
    expect((await cache.terminal('hash-1', load))?.active).toBe(false);
    expect(state.loads).toBe(2);
  });

  it('a failed change drops the copies too (the transaction may have committed before failing)', async () => {
    const cache = new AccessCache();
    const { state, load } = table(terminal('Bar'));
    await cache.terminal('hash-1', load);
    await expect(
      accessDataChange(async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    await cache.terminal('hash-1', load);
    expect(state.loads).toBe(2);
  });

  it('does not keep a row read while a change was being committed', async () => {
    const cache = new AccessCache();
    const state = { row: terminal('Old'), loads: 0 };
    let release: () => void = () => undefined;
    const slowLoad = async () => {
      state.loads += 1;
      const seen = state.row;
      await new Promise<void>((resolve) => (release = resolve));
      return seen; // read before the change committed
    };
    const reading = cache.terminal('hash-1', slowLoad);
    await accessDataChange(async () => {
      state.row = terminal('New');
    });
    // another request notices the change first
    await cache.user('u1', async () => null);
    release();
    expect((await reading)?.name).toBe('Old'); // this request saw the old row, as without a cache
    const fresh = async () => {
      state.loads += 1;
      return state.row;
    };
    expect((await cache.terminal('hash-1', fresh))?.name).toBe('New');
    expect(state.loads).toBe(2);
  });

  it('keeps terminals and users apart', async () => {
    const cache = new AccessCache();
    const user = {
      userId: 'u1',
      alias: 'Ann',
      role: 'waiter',
      training: false,
      active: true,
      employeeId: '1',
    } as const;
    await cache.terminal('same-key', async () => terminal('Bar'));
    expect(await cache.user('same-key', async () => user)).toEqual(user);
    expect(await cache.user('other', async () => null)).toBeNull();
  });
});
