// Puts generated hunts where `kqlHunt.huntOutput` says: a `.kql` editor beside the report,
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
  return showInHuntsEditor(report, result);
}

/**
 * An untitled `<report>.hunts.kql` beside the report: the tab says whose hunts these are and
 * Save proposes that name next to the report. Generating again refreshes the same editor.
 */
async function showInHuntsEditor(
  report: vscode.TextDocument,
  result: GenerateHuntsResult,
): Promise<vscode.TextEditor> {
  const path = report.uri.path.replace(/(\.[^./]*)?$/, '.hunts.kql');
  let document = await vscode.workspace.openTextDocument(
    vscode.Uri.from({ scheme: 'untitled', path }),
  );
  if (document.languageId !== 'kql') {
    document = await vscode.languages.setTextDocumentLanguage(document, 'kql');
  }
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const replaced = await editor.edit((edit) => edit.replace(whole, result.text));
  if (!replaced) throw new Error('the hunts editor changed while the hunts were being written');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  editor.revealRange(new vscode.Range(0, 0, 0, 0));
  return editor;
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
