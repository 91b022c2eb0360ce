import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLabelValues, type EventLabel } from '../fdm-api/types.js';
import { formatFdmReference, parseFdmReference } from './fdm-reference.js';

describe('formatFdmReference', () => {
  it('prints label counter/total', () => {
    expect(formatFdmReference({ eventLabel: 'N', eventCounter: 16, totalCounter: 52 })).toBe('N 16/52');
    expect(formatFdmReference({ eventLabel: 'T', eventCounter: 1, totalCounter: 1 })).toBe('T 1/1');
  });

  it.each([
    { eventLabel: 'N', eventCounter: 0, totalCounter: 1 },
    { eventLabel: 'N', eventCounter: 3, totalCounter: 2 },
    { eventLabel: 'N', eventCounter: 1.5, totalCounter: 2 },
    { eventLabel: 'Q', eventCounter: 1, totalCounter: 2 },
    { eventLabel: 'NS', eventCounter: 1, totalCounter: 2 },
  ])('refuses $eventLabel $eventCounter/$totalCounter', (ref) => {
    expect(() =>
      formatFdmReference(ref as { eventLabel: EventLabel; eventCounter: number; totalCounter: number }),
    ).toThrow(RangeError);
  });
});

describe('parseFdmReference', () => {
  it('reads what the ticket prints', () => {
    expect(parseFdmReference('N 16/52')).toEqual({
      ok: true,
      value: { eventLabel: 'N', eventCounter: 16, totalCounter: 52 },
    });
    expect(parseFdmReference('P 22/53')).toEqual({
      ok: true,
      value: { eventLabel: 'P', eventCounter: 22, totalCounter: 53 },
    });
  });

  it.each([
    '',
    'N',
    'N 16',
    'N 16/',
    'N16/52',
    'N  16/52',
    ' N 16/52',
    'N 16/52 ',
    'n 16/52',
    'NS 16/52',
    'X 16/52',
    'Q 1/2',
    'N 0/52',
    'N 016/52',
    'N 16/052',
    'N -1/52',
    'N 1.5/52',
    'N 16/15',
    'N 1e3/2000',
    'N 99999999999999999/99999999999999999',
    'N 16/52\n',
    'N １６/52',
    '52/16 N',
  ])('refuses %j with a reason', (text) => {
    const result = parseFdmReference(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason.length).toBeGreaterThan(10);
  });

  it('round-trips with formatFdmReference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...eventLabelValues),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (eventLabel, eventCounter, extra) => {
          const ref = {
            eventLabel,
            eventCounter,
            totalCounter: Math.min(eventCounter + extra, Number.MAX_SAFE_INTEGER),
          };
          expect(parseFdmReference(formatFdmReference(ref))).toEqual({ ok: true, value: ref });
        },
      ),
    );
  });
});
