// The KQL inside markdown: fenced ```kql / ```kusto / ```csl blocks, also inside blockquotes. Everything
// outside the fences (and a quoted fence's `>` markers) is blanked to spaces, newlines kept, so
// offsets in the KQL view are offsets in the markdown and separate blocks stay separate queries.
// Fences nested in list items deeper than three spaces are not recognised.

/** The KQL of a text and where it is. */
export interface KqlView {
  text: string;
  /** Offset ranges `[start, end]` of the original text holding KQL. */
  regions: [number, number][];
}

const FENCE_OPEN = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(kql|kusto|csl)\b[^\n]*$/i;
/** One blockquote marker with the indentation before it and the space after it. */
const QUOTE_MARKER = /^[ \t]{0,3}>[ \t]?/;

/** Markdown text with everything but the contents of KQL fences blanked; undefined if none. */
export function fencedKql(markdown: string): KqlView | undefined {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const regions: [number, number][] = [];
  let fence: { marker: string; quotes: number } | undefined;
  let offset = 0;
  let regionStart = 0;
  for (const rawLine of lines) {
    const line = rawLine.replace(/\r$/, '');
    if (fence) {
      // A fence inside a blockquote ends with the blockquote: a line without its markers.
      const quote = quotePrefix(line, fence.quotes);
      if (quote === undefined) {
        regions.push([regionStart, Math.max(regionStart, offset - 1)]);
        fence = undefined;
      } else {
        const rest = line.slice(quote.length);
        const bare = rest.trim();
        if (bare.startsWith(fence.marker) && bare.replace(/[`~]/g, '') === '') {
          fence = undefined;
          regions.push([regionStart, Math.max(regionStart, offset - 1)]);
          out.push(blank(rawLine));
        } else {
          out.push(blank(quote) + rawLine.slice(quote.length));
        }
        offset += rawLine.length + 1;
        continue;
      }
    }
    const quotes = quotePrefix(line, Infinity) ?? '';
    const open = FENCE_OPEN.exec(line.slice(quotes.length));
    if (open) {
      fence = { marker: open[1]!, quotes: quotes.split('>').length - 1 };
      regionStart = offset + rawLine.length + 1;
    }
    out.push(blank(rawLine));
    offset += rawLine.length + 1;
  }
  if (fence) regions.push([regionStart, markdown.length]);
  return regions.length > 0 ? { text: out.join('\n'), regions } : undefined;
}

/**
 * The blockquote markers opening a line: `count` of them (undefined when the line has fewer),
 * or as many as there are when `count` is Infinity.
 */
function quotePrefix(line: string, count: number): string | undefined {
  let length = 0;
  for (let found = 0; found < count; found++) {
    const marker = QUOTE_MARKER.exec(line.slice(length));
    if (!marker) return count === Infinity ? line.slice(0, length) : undefined;
    length += marker[0].length;
  }
  return line.slice(0, length);
}

function blank(line: string): string {
  return line.replace(/[^\r]/g, ' ');
}
