// Invisible characters inside KQL string literals: a zero-width space or a direction control
// copied from a web page or a report along with an indicator. The string looks right and
// matches nothing (no log holds "evil\u200b.com"), and direction controls make the text shown
// differ from the text that runs. The Kusto service accepts them without a word.
import type { KqlDiagnostic } from './diagnostics.js';
import { INVISIBLE_CHARACTERS } from '../text/invisibleCharacters.js';
import { stringLiterals } from './lexical.js';

/** Our code for invisible characters in a string literal. */
export const INVISIBLE_CHARACTER_CODE = 'KQLH003';

/** A string literal holding invisible characters, and its contents without them. */
export interface InvisibleCharacters extends KqlDiagnostic {
  /** The literal's contents with the invisible characters removed (the range covers them). */
  cleaned: string;
}

/** String literals holding invisible characters, by offsets into the text. */
export function findInvisibleCharacters(text: string): InvisibleCharacters[] {
  const found: InvisibleCharacters[] = [];
  for (const { contentStart: start, contents } of stringLiterals(text)) {
    const characters = contents.match(INVISIBLE_CHARACTERS);
    if (!characters) continue;
    const named = [...new Set(characters)].map(
      (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
    found.push({
      start,
      length: contents.length,
      severity: 'warning',
      code: INVISIBLE_CHARACTER_CODE,
      message:
        `Invisible character in a string (${named.join(', ')}): the text shown is not the ` +
        `text searched for, and no log holds it. Remove it.`,
      cleaned: contents.replace(INVISIBLE_CHARACTERS, ''),
    });
  }
  return found;
}
