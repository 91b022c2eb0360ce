import { describe, expect, it } from 'vitest';
import { kitchenNoteMaxLength, noteSuggestions, parseKitchenNote } from './kitchen-note.js';

describe('parseKitchenNote', () => {
  it('keeps a note trimmed', () => {
    expect(parseKitchenNote('  zonder ui ')).toEqual({ ok: true, value: 'zonder ui' });
    expect(parseKitchenNote('medium')).toEqual({ ok: true, value: 'medium' });
    expect(parseKitchenNote('sans oignon, sauce à part')).toEqual({
      ok: true,
      value: 'sans oignon, sauce à part',
    });
  });

  it('takes exactly 140 characters and refuses 141', () => {
    expect(parseKitchenNote('a'.repeat(kitchenNoteMaxLength)).ok).toBe(true);
    expect(parseKitchenNote('a'.repeat(kitchenNoteMaxLength + 1))).toEqual({ ok: false, error: 'TOO_LONG' });
    // Trimmed first: spaces around do not count.
    expect(parseKitchenNote(`  ${'a'.repeat(kitchenNoteMaxLength)}  `).ok).toBe(true);
  });

  it.each(['', ' ', '\t\n', '\u3000'])('refuses the empty note %j', (text) => {
    expect(parseKitchenNote(text)).toEqual({ ok: false, error: 'EMPTY' });
  });

  it.each([
    'zonder\nui',
    'bell\u0007',
    'esc\u001b@',
    'nul\u0000',
    'del\u007f',
    'private\ue000',
    'lone\ud800',
    'rtl\u202eoverride',
    'zero\u200bwidth',
  ])('refuses what a kitchen printer cannot print: %j', (text) => {
    expect(parseKitchenNote(text)).toEqual({ ok: false, error: 'NOT_PRINTABLE' });
  });
});

describe('noteSuggestions', () => {
  it('splits the catalog text and drops empty entries', () => {
    expect(noteSuggestions('zonder ui| medium ||saignant|')).toEqual(['zonder ui', 'medium', 'saignant']);
    expect(noteSuggestions('')).toEqual([]);
  });
});
