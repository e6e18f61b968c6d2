// Puts generated hunts where `kqlHunt.huntOutput` says: a new `.kql` editor beside the report,
// or a fenced ```kql block inserted under the IOC table. The text itself comes from the server.
import * as vscode from 'vscode';
import type { GenerateHuntsResult } from './serverApi.js';

export type HuntOutput = 'newEditor' | 'insertBelowTable';

/** Reads the setting for the report's own folder, so a multi-root workspace can differ. */
export function huntOutputFor(report: vscode.Uri): HuntOutput {
  const value = vscode.workspace.getConfiguration('kqlHunt', report).get<string>('huntOutput');
  return value === 'insertBelowTable' ? 'insertBelowTable' : 'newEditor';
}

/** Shows the hunts and returns the editor that holds them. */
export async function showHunts(
  report: vscode.TextDocument,
  result: GenerateHuntsResult,
): Promise<vscode.TextEditor> {
  if (huntOutputFor(report.uri) === 'insertBelowTable') return insertBelowTable(report, result);
  const document = await vscode.workspace.openTextDocument({
    language: 'kql',
    content: result.text,
  });
  return vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
}

async function insertBelowTable(
  report: vscode.TextDocument,
  result: GenerateHuntsResult,
): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(report);
  const at = new vscode.Position(result.insertPosition.line, result.insertPosition.character);
  const body = result.text.endsWith('\n') ? result.text : `${result.text}\n`;
  // Blank lines around the fence keep it a separate block even in reports that use none.
  const block = `\n\`\`\`kql\n${body}\`\`\`\n\n`;
  const inserted = await editor.edit((edit) => edit.insert(at, block));
  if (!inserted) throw new Error('the report changed while the hunts were being generated');
  const start = at.translate(2);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenter);
  return editor;
}
