// Reads VS Code snippet bodies: lists their tabstops and expands them to the text a user gets by
// accepting every default. Covers the subset of the snippet syntax the KQL snippets use:
// $n, ${n}, ${n:default}, ${n|a,b|}, $VAR / ${VAR:default}, and \$ \} \\ escapes.

/** One tabstop or placeholder occurrence in a body. */
export interface Tabstop {
  index: number;
  /** The default text, the first choice for ${n|a,b|}, or undefined for a bare $n / ${n}. */
  value: string | undefined;
  /** Every choice of a ${n|a,b|} placeholder. */
  choices: string[] | undefined;
}

/** A parsed body: the tabstops in order and the text with every default accepted. */
export interface ParsedBody {
  tabstops: Tabstop[];
  expanded: string;
}

/** Joins a snippet body given as one string or as lines. */
export function bodyText(body: string | string[]): string {
  return Array.isArray(body) ? body.join('\n') : body;
}

/**
 * Parses a body. Mirrors (a bare $n after ${n:x}) expand to the placeholder's default, as in the
 * editor; variables expand to their default, or to nothing, as with an empty selection.
 * Throws on syntax it does not understand, so a malformed body fails the tests loudly.
 */
export function parseBody(text: string): ParsedBody {
  const tabstops: Tabstop[] = [];
  let pos = 0;

  function readUntil(stop: string): string {
    let out = '';
    while (pos < text.length) {
      const ch = text[pos] ?? '';
      if (ch === '\\' && pos + 1 < text.length) {
        out += text[pos + 1];
        pos += 2;
        continue;
      }
      if (ch === '$') {
        out += readDollar();
        continue;
      }
      if (stop.includes(ch)) return out;
      out += ch;
      pos += 1;
    }
    if (stop) throw new Error(`unterminated placeholder in: ${text}`);
    return out;
  }

  function readDollar(): string {
    pos += 1; // the $
    const simple = /^(\d+|[A-Za-z_]\w*)/.exec(text.slice(pos));
    if (simple) {
      pos += simple[0].length;
      return record(simple[0], undefined, undefined);
    }
    if (text[pos] !== '{') throw new Error(`lone $ at ${pos} in: ${text}`);
    pos += 1;
    const name = /^(\d+|[A-Za-z_]\w*)/.exec(text.slice(pos))?.[0];
    if (!name) throw new Error(`bad placeholder at ${pos} in: ${text}`);
    pos += name.length;
    const next = text[pos];
    pos += 1;
    if (next === '}') return record(name, undefined, undefined);
    if (next === ':') {
      const value = readUntil('}');
      pos += 1;
      return record(name, value, undefined);
    }
    if (next === '|') {
      const end = text.indexOf('|}', pos);
      if (end < 0) throw new Error(`unterminated choice in: ${text}`);
      const choices = text.slice(pos, end).split(',');
      pos = end + 2;
      return record(name, choices[0], choices);
    }
    throw new Error(`unexpected ${next} after \${${name} in: ${text}`);
  }

  function record(name: string, value: string | undefined, choices: string[] | undefined): string {
    if (!/^\d+$/.test(name)) return value ?? '';
    const index = Number(name);
    tabstops.push({ index, value, choices });
    const earlier = tabstops.find((stop) => stop.index === index && stop.value !== undefined);
    return value ?? earlier?.value ?? '';
  }

  const expanded = readUntil('');
  return { tabstops, expanded };
}
