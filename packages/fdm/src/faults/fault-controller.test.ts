import { describe, expect, it } from 'vitest';
import { FaultController, noFaults } from './fault-controller.js';

describe('FaultController', () => {
  it('is off by default', () => {
    const faults = new FaultController();
    expect(faults.settings).toEqual(noFaults);
    expect(faults.active).toBe(false);
    expect(faults.takeError()).toBeUndefined();
    expect(faults.takeDrop()).toBe(false);
  });

  it('counts down a limited error and a limited drop, then switches them off', () => {
    const faults = new FaultController();
    expect(faults.update({ error: { code: 'FDM_LOCKED', times: 2 }, dropResponses: 1 }).ok).toBe(true);
    expect(faults.takeError()).toEqual({ code: 'FDM_LOCKED' });
    expect(faults.takeError()).toEqual({ code: 'FDM_LOCKED' });
    expect(faults.takeError()).toBeUndefined();
    expect(faults.takeDrop()).toBe(true);
    expect(faults.takeDrop()).toBe(false);
    expect(faults.active).toBe(false);
  });

  it('keeps an unlimited error until switched off', () => {
    const faults = new FaultController();
    faults.update({ error: 'INTERNAL_ERROR', dropResponses: -1 });
    for (let i = 0; i < 5; i++) {
      expect(faults.takeError()?.code).toBe('INTERNAL_ERROR');
      expect(faults.takeDrop()).toBe(true);
    }
    faults.update({ error: null, dropResponses: 0 });
    expect(faults.takeError()).toBeUndefined();
    expect(faults.active).toBe(false);
  });

  it('carries a sub-code with an injected INVALID_REQUEST', () => {
    const faults = new FaultController();
    faults.update({ error: { code: 'INVALID_REQUEST', subCode: 'TOTAL_MISMATCH' } });
    expect(faults.takeError()).toEqual({ code: 'INVALID_REQUEST', subCode: 'TOTAL_MISMATCH' });
  });

  it('waits the injected delay through the injected sleep', async () => {
    const waited: number[] = [];
    const faults = new FaultController({ sleep: async (ms) => void waited.push(ms) });
    await faults.delay();
    faults.update({ delayMs: 2500 });
    await faults.delay();
    expect(waited).toEqual([2500]);
  });

  it.each([
    [null],
    [[]],
    ['delay'],
    [{ delay: 5 }],
    [{ delayMs: -1 }],
    [{ delayMs: 1.5 }],
    [{ delayMs: 10_000_000 }],
    [{ dropResponses: -2 }],
    [{ dropResponses: '1' }],
    [{ buffer: 'half' }],
    [{ locked: 'yes' }],
    [{ notOperational: 1 }],
    [{ error: 'NOPE' }],
    [{ error: { code: 'FDM_LOCKED', times: 0 } }],
    [{ error: { code: 'FDM_LOCKED', extra: 1 } }],
    [{ error: { code: 'INVALID_REQUEST', subCode: 'lower case' } }],
    [{ error: 42 }],
  ])('refuses the bad patch %j and changes nothing', (patch) => {
    const faults = new FaultController();
    faults.update({ locked: true });
    const before = faults.settings;
    const result = faults.update(patch);
    expect(result.ok).toBe(false);
    expect(faults.settings).toBe(before);
  });

  it('reset switches everything off', () => {
    const faults = new FaultController();
    faults.update({ locked: true, notOperational: true, buffer: 'full', delayMs: 10 });
    faults.reset();
    expect(faults.settings).toEqual(noFaults);
  });
});
