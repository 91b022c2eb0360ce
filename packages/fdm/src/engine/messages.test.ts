import { languageValues } from '@gks/core';
import { describe, expect, it } from 'vitest';
import { message, messageKeys } from './messages.js';

describe('message catalogue', () => {
  it('has a distinct, non-empty text in every language for every key (where wording differs)', () => {
    for (const key of messageKeys) {
      const texts = languageValues.map((l) => message(key, l, { subCode: 'X', field: 'f', percent: 75 }));
      for (const t of texts) expect(t.trim().length).toBeGreaterThan(0);
      if (!['proForma', 'training'].includes(key)) expect(new Set(texts).size).toBeGreaterThanOrEqual(3);
    }
  });

  it('fills in parameters', () => {
    expect(message('unknownPos', 'NL', { posId: 'CPOS0031234567' })).toContain('CPOS0031234567');
    expect(message('memoryDamaged', 'EN', { recordIndex: 7, reason: 'checksum' })).toContain('record 7');
    expect(message('invalidRequest', 'FR', { subCode: 'TOTAL_MISMATCH', field: 'transaction' })).toContain(
      'TOTAL_MISMATCH',
    );
  });
});
