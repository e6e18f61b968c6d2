// The KQL a document holds: all of a `.kql` file, or the fenced ```kql / ```kusto blocks of a
// markdown file. For markdown, everything outside the fences is blanked to spaces (newlines
// kept), so offsets in the KQL view are offsets in the document and blocks stay apart.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fencedKql, type KqlView } from '../../core/kusto/index.js';

export type { KqlView };

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
