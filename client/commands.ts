// The extension's commands. Each one gathers what the editor knows (document, selections),
// asks the server to do the work, and shows the result; no IOC or KQL logic lives here, so the
// menu, the palette, the server's CodeLenses and the CLI all share the core's implementation.
import * as vscode from 'vscode';
import { showHunts } from './huntOutput.js';
import {
  GENERATE_HUNT_COMMAND,
  type GenerateHuntCommandArgs,
  type ServerApi,
} from './serverApi.js';
import type { ServerSession } from './serverSession.js';

/** Command ids, as declared in package.json `contributes.commands`. */
export const commandIds = {
  generateHunt: GENERATE_HUNT_COMMAND,
  refangSelection: 'kqlHunt.refangSelection',
  defangSelection: 'kqlHunt.defangSelection',
  copyIocsAsDynamic: 'kqlHunt.copyIocsAsDynamic',
  restartServer: 'kqlHunt.restartServer',
  showOutput: 'kqlHunt.showOutput',
} as const;

export function registerCommands(
  session: ServerSession,
  api: ServerApi,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  // A failing command tells the user why, once, and logs the details.
  const guarded =
    (name: string, run: (...args: unknown[]) => Promise<unknown>) =>
    async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        log.error(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        const choice = await vscode.window.showErrorMessage(
          `kql-hunt: ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
          'Open Output',
        );
        if (choice === 'Open Output') log.show(true);
        return undefined;
      }
    };

  return [
    vscode.commands.registerCommand(
      commandIds.generateHunt,
      guarded('Generate hunt from IOCs', (arg) => generateHunt(api, log, arg)),
    ),
    vscode.commands.registerCommand(
      commandIds.refangSelection,
      guarded('Refang selection', () => withEditor((e) => rewriteSelections(api, e, 'refang'))),
    ),
    vscode.commands.registerCommand(
      commandIds.defangSelection,
      guarded('Defang selection', () => withEditor((e) => rewriteSelections(api, e, 'defang'))),
    ),
    vscode.commands.registerCommand(
      commandIds.copyIocsAsDynamic,
      guarded('Copy IOCs as KQL dynamic list', () => withEditor((e) => copyIocsAsDynamic(api, e))),
    ),
    vscode.commands.registerCommand(
      commandIds.restartServer,
      guarded('Restart language server', () => session.restart()),
    ),
    vscode.commands.registerCommand(commandIds.showOutput, () => log.show(true)),
  ];
}

/**
 * Runs `run` on the active editor. Plain commands rather than `registerTextEditorCommand`,
 * whose callback runs inside an edit transaction that does not wait for a server round trip,
 * so `executeCommand` would resolve before the work is done.
 */
async function withEditor(run: (editor: vscode.TextEditor) => Promise<void>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('kql-hunt: open an editor first.');
    return;
  }
  await run(editor);
}

/**
 * Called with nothing (palette), the document's URI (editor context menu) or the server's own
 * arguments (CodeLens, code action). Without a range, a selection in the report narrows the hunt.
 */
async function generateHunt(
  api: ServerApi,
  log: vscode.LogOutputChannel,
  arg: unknown,
): Promise<vscode.TextEditor | undefined> {
  const target = resolveTarget(arg);
  if (!target) {
    void vscode.window.showWarningMessage('kql-hunt: open a markdown report to generate hunts.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target.uri);
  const started = Date.now();
  const result = await api.generateHunts({
    textDocument: { uri: document.uri.toString() },
    ...(target.range ? { range: target.range } : {}),
    ...(target.table ? { table: target.table } : {}),
  });
  log.trace(`generateHunts: ${result.hunts.length} hunts in ${Date.now() - started} ms`);
  if (result.hunts.length === 0) {
    void vscode.window.showWarningMessage(
      'kql-hunt: no IOCs here that any hunted table can match.',
    );
    return undefined;
  }
  return showHunts(document, result);
}

type Target = Omit<GenerateHuntCommandArgs, 'uri'> & { uri: vscode.Uri };

function resolveTarget(arg: unknown): Target | undefined {
  if (isCommandArgs(arg)) {
    return { ...arg, uri: vscode.Uri.parse(arg.uri) };
  }
  const editor = vscode.window.activeTextEditor;
  const uri = arg instanceof vscode.Uri ? arg : editor?.document.uri;
  if (!uri) return undefined;
  const selection = editor && editor.document.uri.toString() === uri.toString() && editor.selection;
  if (!selection || selection.isEmpty) return { uri };
  return {
    uri,
    range: {
      start: { line: selection.start.line, character: selection.start.character },
      end: { line: selection.end.line, character: selection.end.character },
    },
  };
}

function isCommandArgs(arg: unknown): arg is GenerateHuntCommandArgs {
  return (
    typeof arg === 'object' && arg !== null && typeof (arg as { uri?: unknown }).uri === 'string'
  );
}

async function rewriteSelections(
  api: ServerApi,
  editor: vscode.TextEditor,
  mode: 'refang' | 'defang',
): Promise<void> {
  const selections = editor.selections.filter((selection) => !selection.isEmpty);
  if (selections.length === 0) {
    void vscode.window.showInformationMessage(`kql-hunt: select the text to ${mode} first.`);
    return;
  }
  const texts = selections.map((selection) => editor.document.getText(selection));
  const result = await api.rewriteIocs({ mode, texts });
  const applied = await editor.edit((edit) => {
    selections.forEach((selection, index) => {
      const text = result.texts[index];
      if (text !== undefined && text !== texts[index]) edit.replace(selection, text);
    });
  });
  if (!applied) throw new Error('the document changed while the server was answering');
}

async function copyIocsAsDynamic(api: ServerApi, editor: vscode.TextEditor): Promise<void> {
  const selection = editor.selection;
  const result = await api.iocsAsDynamic({
    textDocument: { uri: editor.document.uri.toString() },
    ...(selection.isEmpty
      ? {}
      : {
          range: {
            start: { line: selection.start.line, character: selection.start.character },
            end: { line: selection.end.line, character: selection.end.character },
          },
        }),
  });
  if (result.count === 0) {
    void vscode.window.showWarningMessage('kql-hunt: no IOCs found to copy.');
    return;
  }
  await vscode.env.clipboard.writeText(result.text);
  vscode.window.setStatusBarMessage(
    `kql-hunt: copied ${result.count} IOCs as a dynamic list`,
    5000,
  );
}
