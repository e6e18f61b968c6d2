// The report features through the real API: code actions on the IOC table, the generate
// command in both output modes, refang/defang, and the live-IOC quick fix, each answered by
// the real language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './runner.js';
import { activeExtension, exampleReport, openEditor, waitFor } from './support.js';

const huntedTables = ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'];

/** The range of the example report's IOC table rows (the line holding the IP row). */
function iocRowRange(document: vscode.TextDocument): vscode.Range {
  const line = document
    .getText()
    .split('\n')
    .findIndex((text) => text.includes('172[.]245'));
  assert.ok(line >= 0, 'the example report has the IP row');
  return new vscode.Range(line, 0, line, document.lineAt(line).text.length);
}

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return waitFor('code actions', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
    );
    return actions && actions.length > 0 ? actions : undefined;
  });
}

export const reportTests: HostTest[] = [
  {
    name: 'the IOC table offers code actions to generate hunts, for all tables and per table',
    run: async () => {
      await activeExtension();
      const editor = await openEditor(exampleReport);
      const actions = await codeActionsAt(editor.document.uri, iocRowRange(editor.document));
      const titles = actions.map((action) => action.title);
      assert.ok(
        titles.some((title) => /generate hunt/i.test(title)),
        titles.join(' | '),
      );
      for (const table of huntedTables) {
        assert.ok(
          titles.some((title) => title.includes(table)),
          `an action for ${table}`,
        );
      }
    },
  },
  {
    name: 'Generate hunt from IOCs opens a kql editor with one hunt per table',
    run: async () => {
      await activeExtension();
      const report = await openEditor(exampleReport);
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(
        'kqlHunt.generateHunt',
        report.document.uri,
      );
      assert.ok(editor, 'the command returns the hunts editor');
      assert.equal(editor.document.languageId, 'kql');
      const text = editor.document.getText();
      for (const table of huntedTables) assert.ok(text.includes(table), `a hunt on ${table}`);
      assert.ok(text.includes('172.245.4.229'), 'the refanged IP is hunted');
    },
  },
  {
    name: 'huntOutput insertBelowTable inserts a fenced kql block under the table',
    run: async () => {
      await activeExtension();
      const config = vscode.workspace.getConfiguration('kqlHunt');
      await config.update('huntOutput', 'insertBelowTable', vscode.ConfigurationTarget.Workspace);
      try {
        const report = await openEditor(exampleReport);
        const before = report.document.lineCount;
        await vscode.commands.executeCommand('kqlHunt.generateHunt', report.document.uri);
        const text = report.document.getText();
        assert.ok(report.document.lineCount > before, 'lines were inserted');
        const fence = text.indexOf('```kql');
        assert.ok(fence > text.indexOf('duckdns'), 'the block comes after the IOC table');
        await vscode.commands.executeCommand('workbench.action.files.revert');
      } finally {
        await config.update('huntOutput', undefined, vscode.ConfigurationTarget.Workspace);
      }
    },
  },
  {
    name: 'Defang selection then Refang selection round-trips an IP',
    run: async () => {
      await activeExtension();
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: 'C2 at 172.245.4.229 today\n',
      });
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 6, 0, 19);
      await vscode.commands.executeCommand('kqlHunt.defangSelection');
      await waitFor('defanged text', () =>
        document.getText().includes('172[.]245[.]4[.]229') ? true : undefined,
      );
      editor.selection = new vscode.Selection(0, 6, 0, 25);
      await vscode.commands.executeCommand('kqlHunt.refangSelection');
      await waitFor('refanged text', () =>
        document.getText() === 'C2 at 172.245.4.229 today\n' ? true : undefined,
      );
    },
  },
  {
    name: 'a live IOC in a report is a diagnostic with a Defang quick fix',
    run: async () => {
      await activeExtension();
      const editor = await openEditor('live-iocs.md');
      const uri = editor.document.uri;
      const live = await waitFor('a live-IOC diagnostic', () => {
        const found = vscode.languages
          .getDiagnostics(uri)
          .find((diagnostic) => editor.document.getText(diagnostic.range).includes('172.245'));
        return found;
      });
      const actions = await codeActionsAt(uri, live.range);
      const defang = actions.find((action) => action.title === 'Defang 172.245.4.229:2404');
      assert.ok(defang?.edit, 'a Defang quick fix with an edit');
      await vscode.workspace.applyEdit(defang.edit);
      assert.ok(editor.document.getText().includes('172[.]245[.]4[.]229'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
];
