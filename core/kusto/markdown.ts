// The KQL inside markdown: fenced ```kql / ```kusto blocks. Everything outside the fences is
// blanked to spaces (newlines kept), so offsets in the KQL view are offsets in the markdown and
// separate blocks stay separate queries.

/** The KQL of a text and where it is. */
export interface KqlView {
  text: string;
  /** Offset ranges `[start, end]` of the original text holding KQL. */
  regions: [number, number][];
}

const FENCE_OPEN = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(kql|kusto)\b[^\n]*$/i;

/** Markdown text with everything but the contents of KQL fences blanked; undefined if none. */
export function fencedKql(markdown: string): KqlView | undefined {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const regions: [number, number][] = [];
  let fence: string | undefined;
  let offset = 0;
  let regionStart = 0;
  for (const line of lines) {
    const bare = line.replace(/\r$/, '').trim();
    if (fence === undefined) {
      const open = FENCE_OPEN.exec(line.replace(/\r$/, ''));
      if (open) {
        fence = open[1]!;
        regionStart = offset + line.length + 1;
      }
      out.push(blank(line));
    } else if (bare.startsWith(fence) && bare.replace(/[`~]/g, '') === '') {
      fence = undefined;
      regions.push([regionStart, Math.max(regionStart, offset - 1)]);
      out.push(blank(line));
    } else {
      out.push(line);
    }
    offset += line.length + 1;
  }
  if (fence !== undefined) regions.push([regionStart, markdown.length]);
  return regions.length > 0 ? { text: out.join('\n'), regions } : undefined;
}

function blank(line: string): string {
  return line.replace(/[^\r]/g, ' ');
}
