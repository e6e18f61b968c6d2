/**
 * The only way report text enters KQL. Values become double-quoted string literals with every
 * character that could end the literal, start a new line or hide itself escaped; free text
 * (titles, family names) becomes a single comment line. Nothing else in the hunt code builds
 * KQL from report text.
 */

/**
 * Characters written as `\uXXXX`: controls, line and paragraph separators, and invisible or
 * direction-changing characters, so a literal always reads on screen as what it matches.
 */
const ESCAPE_AS_UNICODE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/g;

/** A KQL string literal whose value is exactly `value`, for any input string. */
export function kqlString(value: string): string {
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(ESCAPE_AS_UNICODE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${body}"`;
}

/** `dynamic([...])` holding each value as a string literal. */
export function kqlDynamicList(values: readonly string[]): string {
  return `dynamic([${values.map(kqlString).join(', ')}])`;
}

/** Controls, line breaks of every kind, and invisible characters: none may reach a comment. */
const UNSAFE_IN_COMMENT =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * A surrogate without its partner: not a character at all, and a file holding one is not valid
 * UTF-8 once saved. Cutting a long comment can also split a pair, so this runs after the cut.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for a `//` comment: one line, no control or invisible characters, bounded length. */
export function kqlCommentText(text: string, max = 160): string {
  const flat = text.replace(UNSAFE_IN_COMMENT, ' ').replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(LONE_SURROGATE, '\ufffd');
}

/** A lookback such as `14d`, `36h`, `90m`: a positive whole number and one unit. */
export function isLookback(text: string): boolean {
  return /^[1-9]\d{0,4}[dhm]$/.test(text);
}
