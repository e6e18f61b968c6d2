// The KQL a document holds: all of a `.kql` file, or the fenced ```kql / ```kusto blocks of a
// markdown file. For markdown, everything outside the fences is blanked to spaces (newlines
// kept), so offsets in the KQL view are offsets in the document and blocks stay apart.
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Language ids served as KQL files. */
export const KQL_LANGUAGE_IDS = new Set(['kql', 'kusto']);

/** True for a document whose whole text is KQL. */
export function isKqlDocument(document: TextDocument): boolean {
  return KQL_LANGUAGE_IDS.has(document.languageId) || /\.(kql|kusto|csl)$/i.test(document.uri);
}

/** True for a markdown document, whose fenced KQL blocks get KQL features. */
export function isMarkdown(document: TextDocument): boolean {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri);
}

/** The KQL of a document, and where it is (the whole text for a `.kql` file). */
export interface KqlView {
  text: string;
  /** Document offset ranges `[start, end]` holding KQL. */
  regions: [number, number][];
}

const FENCE_OPEN = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(kql|kusto)\b[^\n]*$/i;

/** The KQL view of a document's text, or undefined when it holds no KQL. */
export function kqlView(document: TextDocument): KqlView | undefined {
  const text = document.getText();
  if (isKqlDocument(document)) return { text, regions: [[0, text.length]] };
  if (!isMarkdown(document)) return undefined;
  return fencedKql(text);
}

/** True when a document offset lies inside the view's KQL. */
export function inKql(view: KqlView, offset: number): boolean {
  return view.regions.some(([start, end]) => offset >= start && offset <= end);
}

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
