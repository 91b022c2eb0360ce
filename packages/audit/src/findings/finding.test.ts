import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { finding, findingCodes } from './finding.js';

describe('finding codes', () => {
  it('are exactly the codes of the README table, with the same severities', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(findingCodes).map(([code, info]) => [code, info.severity]));
  });

  it('carry the default severity and likely cause unless a severity is given', () => {
    const f = finding('CHAIN_BROKEN', { index: 3 }, 'x');
    expect(f).toEqual({
      severity: 'error',
      code: 'CHAIN_BROKEN',
      record: { index: 3 },
      explanation: 'x',
      suggestedCause: findingCodes.CHAIN_BROKEN.suggestedCause,
    });
    expect(finding('CHAIN_START_NOT_GENESIS', {}, 'y', 'error').severity).toBe('error');
  });
});
