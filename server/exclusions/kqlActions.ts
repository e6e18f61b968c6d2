/**
 * Code actions in `.kql` hunts: "Exclude <scenario>" for each false-positive scenario that fits
 * the hunt under the cursor, "Exclude device / process / remote address …" for a value picked
 * from pasted results, and disabled actions saying why where none can apply: a table no scenario
 * fits, or a picked process kql-hunt never excludes.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  canonicalTable,
  exclusionEdits,
  huntLayout,
  processRefusal,
  REFUSAL_TEXT,
  resultCondition,
  resultValueAt,
  whyNoExclusions,
  type Exclusion,
  type TextEdit,
} from '../../core/exclusion/index.js';
import { kqlCommentText } from '../../core/hunt/kqlLiteral.js';
import { splitQueries, type QueryBlock } from '../../core/kusto/split.js';

/** What the actions need besides the document: the hunt's exclusions and the client's means. */
export interface KqlActionContext {
  /** Exclusions that fit a hunt, and how many scenarios its reports hold in all. */
  exclusionsFor(hunt: string): { exclusions: Exclusion[]; scenarioCount: number };
  /** The client shows disabled actions with their reason (`codeAction.disabledSupport`). */
  disabledSupport: boolean;
}

/** Label the comment gives a value picked from results. */
export const PICKED_LABEL = 'picked from results';
const ROLE_WORDS = { device: 'device', process: 'process', address: 'remote address' } as const;

/** The hunt (query block) holding `offset`, if any. */
export function huntAt(text: string, offset: number): QueryBlock | undefined {
  return splitQueries(text).find((block) => block.start <= offset && offset <= block.end);
}

export function exclusionActions(
  document: TextDocument,
  range: Range,
  context: KqlActionContext,
): CodeAction[] {
  const offset = document.offsetAt(range.start);
  const block = huntAt(document.getText(), offset);
  if (!block) return [];
  const layout = huntLayout(block.text);
  if (!layout.table) return [];
  const table = canonicalTable(layout.table);
  const toLsp = (edits: TextEdit[]) => lspEdits(document, block.start, edits);
  const actions: CodeAction[] = [];

  const { exclusions, scenarioCount } = context.exclusionsFor(block.text);
  for (const exclusion of exclusions) {
    const edits = exclusionEdits(block.text, exclusion, layout);
    if (!edits) continue; // already excluded: a second application would change nothing
    actions.push(action(`Exclude ${kqlCommentText(exclusion.label, 80)}`, document, toLsp(edits)));
  }
  const why = whyNoExclusions(table);
  if (exclusions.length === 0 && scenarioCount > 0 && why && context.disabledSupport) {
    actions.push({
      title: 'Exclude a false-positive scenario',
      kind: CodeActionKind.QuickFix,
      disabled: { reason: `No scenario of the report can apply here: ${why}.` },
    });
  }

  const picked = resultValueAt(block.text, offset - block.start);
  // The user's own pick, but the same blind spot a hostile report would ask for: a hunt that
  // drops powershell.exe drops what attackers run through it. Said, not offered.
  const refused = picked?.role === 'process' ? processRefusal(picked.value) : undefined;
  if (picked && refused) {
    if (context.disabledSupport) {
      actions.push({
        title: `Exclude process ${kqlCommentText(picked.value, 80)} from this hunt`,
        kind: CodeActionKind.QuickFix,
        disabled: { reason: `kql-hunt never excludes it: ${REFUSAL_TEXT[refused]}.` },
      });
    }
  } else if (picked) {
    const conditions = resultCondition(table, picked.role, picked.value);
    const edits =
      conditions.length > 0
        ? exclusionEdits(block.text, { label: PICKED_LABEL, conditions }, layout)
        : undefined;
    if (edits) {
      const value = kqlCommentText(picked.value, 80);
      const title = `Exclude ${ROLE_WORDS[picked.role]} ${value} from this hunt`;
      actions.push(action(title, document, toLsp(edits)));
    }
  }
  return actions;
}

function action(title: string, document: TextDocument, edits: LspTextEdit[]): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [document.uri]: edits } },
  };
}

function lspEdits(document: TextDocument, base: number, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({
    range: {
      start: document.positionAt(base + e.start),
      end: document.positionAt(base + e.end),
    },
    newText: e.newText,
  }));
}
