// The KQL a document holds: all of a `.kql` file, or the fenced ```kql / ```kusto blocks of a
// markdown file. For markdown, everything outside the fences is blanked to spaces (newlines
// kept), so offsets in the KQL view are offsets in the document and blocks stay apart.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fencedKql, type KqlView } from '../../core/kusto/index.js';
import { tooLargeToRead } from '../documentLimits.js';

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

/**
 * The view of each open markdown document at its current version. Every request on a report
 * asks for its view, and scanning a 10,000-row report for fences on each hover cost hundreds of
 * milliseconds. Kept per document object, not per URI: a document closed and reopened is a new
 * object whose version numbers start again.
 */
const views = new WeakMap<TextDocument, { version: number; view: KqlView | undefined }>();

/** The KQL view of a document's text, or undefined when it holds no KQL. */
export function kqlView(document: TextDocument): KqlView | undefined {
  if (isKqlDocument(document)) {
    const text = document.getText();
    return { text, regions: [[0, text.length]] };
  }
  if (!isMarkdown(document)) return undefined;
  const cached = views.get(document);
  if (cached?.version === document.version) return cached.view;
  const text = document.getText();
  // Over the size limit the report features read nothing either; the file gets their notice.
  const view = tooLargeToRead(text) ? undefined : fencedKql(text);
  views.set(document, { version: document.version, view });
  return view;
}

/** True when a document offset lies inside the view's KQL. */
export function inKql(view: KqlView, offset: number): boolean {
  return view.regions.some(([start, end]) => offset >= start && offset <= end);
}
