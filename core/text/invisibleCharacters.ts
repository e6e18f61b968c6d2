// The characters that are invisible or reorder text around them: soft hyphen, the Mongolian
// vowel separator, zero-width spaces and joiners, direction marks, embeddings, overrides and
// isolates, the invisible operators and the byte-order mark. Pasted with an indicator they make
// the text shown differ from the text matched. One list, for every check that looks for them.

/** The characters as the body of a regular-expression class (no brackets). */
export const INVISIBLE_CHARACTER_CLASS =
  '\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';

/** Each invisible character of a text (use with `match` or `replace`). */
export const INVISIBLE_CHARACTERS = new RegExp(`[${INVISIBLE_CHARACTER_CLASS}]`, 'g');
