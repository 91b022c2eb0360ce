import { err, ok, type Result } from '../../api/result.js';

export const kitchenNoteMaxLength = 140;

export type KitchenNoteProblem = 'EMPTY' | 'TOO_LONG' | 'NOT_PRINTABLE';

// Unicode's "other" characters: controls would drive the printer, format characters (bidi
// overrides) would reorder the ticket; surrogates, private use and unassigned print as nothing.
const unprintable = /\p{C}/u;

/**
 * A kitchen note as the server takes it: 1..140 printable characters after trimming. Counted in
 * UTF-16 units, the stricter count, so the server never refuses what the screen accepted.
 */
export function parseKitchenNote(text: string): Result<string, KitchenNoteProblem> {
  const note = text.trim();
  if (note === '') return err('EMPTY');
  if (unprintable.test(note)) return err('NOT_PRINTABLE');
  if (note.length > kitchenNoteMaxLength) return err('TOO_LONG');
  return ok(note);
}

/** The quick picks of the note dialog: a `|`-separated catalog text, without empty entries. */
export const noteSuggestions = (catalogText: string): string[] =>
  catalogText
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
