// The quick fix for an unknown table: declare it in the workspace file, creating the file when
// the workspace has none. The table is declared open, `(TimeGenerated:datetime, *)`, so its
// columns stay unchecked until the user lists them.
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { WorkspaceSchema } from '../../core/kusto/index.js';
import { pathToUri, uriToPath } from './paths.js';
import { readFileSync } from 'node:fs';

/** The schema a declared table starts with. */
export const DECLARED_TABLE_SCHEMA = '(TimeGenerated:datetime, *)';

/**
 * A workspace edit declaring `table`, or undefined when there is no workspace root or the
 * client cannot create the file that would hold it.
 */
export function declareTableEdit(
  table: string,
  rootUri: string | undefined,
  workspace: WorkspaceSchema,
  canCreateFiles: boolean,
): WorkspaceEdit | undefined {
  if (!rootUri) return undefined;
  if (workspace.path) {
    const uri = pathToUri(workspace.path);
    const text = readFileSync(workspace.path, 'utf8');
    const updated = workspace.path.endsWith('.json')
      ? withTableJson(text, table)
      : withTableYaml(text, table);
    if (updated === undefined) return undefined;
    return { changes: { [uri]: [replaceAll(text, updated)] } };
  }
  if (!canCreateFiles) return undefined;
  const uri = pathToUri(join(uriToPath(rootUri), '.kql-hunt.json'));
  const text = `${JSON.stringify({ tables: { [table]: DECLARED_TABLE_SCHEMA } }, null, 2)}\n`;
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      {
        textDocument: { uri, version: null },
        edits: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            newText: text,
          },
        ],
      },
    ],
  };
}

function withTableJson(text: string, table: string): string | undefined {
  try {
    const raw = JSON.parse(text) as { tables?: Record<string, string> };
    raw.tables = { ...raw.tables, [table]: DECLARED_TABLE_SCHEMA };
    return `${JSON.stringify(raw, null, 2)}\n`;
  } catch {
    return undefined;
  }
}

function withTableYaml(text: string, table: string): string | undefined {
  const document = parseDocument(text);
  if (document.errors.length > 0) return undefined;
  document.setIn(['tables', table], DECLARED_TABLE_SCHEMA);
  return document.toString();
}

function replaceAll(text: string, newText: string): TextEdit {
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  return { range: { start: { line: 0, character: 0 }, end }, newText };
}
