import { describe, expect, it } from 'vitest';
import type { BridgePolicy, EndUser, PolicyDecision } from './bridge-policy.js';
import { CachedPolicy } from './cached-policy.js';

const ann: EndUser = { vatNo: 'BE0000000097', estNo: '2000000042', posId: 'CPOS0031234567' };
const bob: EndUser = { ...ann, posId: 'CPOS0031234568' };

/** A policy that counts its lookups and answers what the test sets. */
function countingPolicy(answer: () => Promise<PolicyDecision>) {
  const calls: string[] = [];
  const policy: BridgePolicy = {
    decide(fdmId, user) {
      calls.push(`${fdmId}/${user.posId}`);
      return answer();
    },
  };
  return { policy, calls };
}

describe('CachedPolicy', () => {
  it('reuses a decision within the time to live, and asks again after it', async () => {
    let now = 0;
    let decision: PolicyDecision = 'allowed';
    const inner = countingPolicy(async () => decision);
    const cached = new CachedPolicy(inner.policy, { ttlMs: 1000, now: () => now });
    expect(await cached.decide('FOD01000001', ann)).toBe('allowed');
    decision = 'not-operational';
    now = 999;
    expect(await cached.decide('FOD01000001', ann)).toBe('allowed');
    now = 1000;
    expect(await cached.decide('FOD01000001', ann)).toBe('not-operational');
    expect(inner.calls).toHaveLength(2);
  });

  it('keeps end users and FDMs apart', async () => {
    const inner = countingPolicy(async () => 'allowed');
    const cached = new CachedPolicy(inner.policy, { now: () => 0 });
    await cached.decide('FOD01000001', ann);
    await cached.decide('FOD01000001', bob);
    await cached.decide('FOD01000002', ann);
    await cached.decide('FOD01000001', { ...ann, estNo: '2000000043' });
    expect(inner.calls).toHaveLength(4);
  });

  it('shares one lookup among concurrent requests of the same end user', async () => {
    let release: (d: PolicyDecision) => void = () => undefined;
    const inner = countingPolicy(() => new Promise<PolicyDecision>((resolve) => (release = resolve)));
    const cached = new CachedPolicy(inner.policy, { now: () => 0 });
    const answers = Array.from({ length: 50 }, () => cached.decide('FOD01000001', ann));
    release('allowed');
    expect(await Promise.all(answers)).toEqual(Array(50).fill('allowed'));
    expect(inner.calls).toHaveLength(1);
  });

  it('never keeps a failed lookup: that request fails, the next one asks again (A-6 fail closed)', async () => {
    let fail = true;
    const inner = countingPolicy(async () => {
      if (fail) throw new Error('database down');
      return 'allowed';
    });
    const cached = new CachedPolicy(inner.policy, { now: () => 0 });
    await expect(cached.decide('FOD01000001', ann)).rejects.toThrow('database down');
    fail = false;
    expect(await cached.decide('FOD01000001', ann)).toBe('allowed');
    expect(inner.calls).toHaveLength(2);
  });

  it('drops every decision when the policy generation moves (a change made in this process)', async () => {
    let generation = 0;
    let decision: PolicyDecision = 'allowed';
    const inner = countingPolicy(async () => decision);
    const cached = new CachedPolicy(inner.policy, { now: () => 0, generation: () => generation });
    expect(await cached.decide('FOD01000001', ann)).toBe('allowed');
    decision = 'not-allowed';
    generation += 1;
    expect(await cached.decide('FOD01000001', ann)).toBe('not-allowed');
  });

  it('starts over beyond its size limit instead of growing', async () => {
    const inner = countingPolicy(async () => 'not-allowed');
    const cached = new CachedPolicy(inner.policy, { now: () => 0, maxEntries: 3 });
    for (let i = 0; i < 4; i++) await cached.decide('FOD01000001', { ...ann, posId: `CPOS003123456${i}` });
    await cached.decide('FOD01000001', { ...ann, posId: 'CPOS0031234560' });
    expect(inner.calls).toHaveLength(5);
    await cached.decide('FOD01000001', { ...ann, posId: 'CPOS0031234563' });
    expect(inner.calls).toHaveLength(5);
  });
});
