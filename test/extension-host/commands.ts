// The remaining commands through the real API: copying IOCs as a dynamic list, hunting only a
// selection, and restarting the server, each answered by the real language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './runner.js';
import { activeExtension, exampleReport, openEditor, waitFor } from './support.js';

export const commandTests: HostTest[] = [
  {
    name: 'Copy IOCs as KQL dynamic list puts a dynamic([...]) list on the clipboard',
    run: async () => {
      await activeExtension();
      await openEditor(exampleReport);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('kqlHunt.copyIocsAsDynamic');
      const copied = await waitFor('the clipboard', async () => {
        const text = await vscode.env.clipboard.readText();
        return text ? text : undefined;
      });
      assert.match(copied, /^dynamic\(\[/);
      assert.ok(copied.includes('"172.245.4.229"'), copied);
      assert.ok(copied.includes('duckdns.org'), copied);
    },
  },
  {
    name: 'Generate hunt from IOCs on a selection hunts only the selected rows',
    run: async () => {
      await activeExtension();
      const report = await openEditor(exampleReport);
      const line = report.document
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('| domain'));
      assert.ok(line >= 0, 'the example report has the domain row');
      report.selection = new vscode.Selection(
        line,
        0,
        line,
        report.document.lineAt(line).text.length,
      );
      const editor =
        await vscode.commands.executeCommand<vscode.TextEditor>('kqlHunt.generateHunt');
      assert.ok(editor, 'the command returns the hunts editor');
      const text = editor.document.getText();
      assert.ok(text.includes('duckdns.org'), 'the selected domain is hunted');
      assert.ok(!text.includes('172.245.4.229'), 'the unselected IP is not');
    },
  },
  {
    name: 'Restart language server brings the server back to running',
    run: async () => {
      const api = await activeExtension();
      await vscode.commands.executeCommand('kqlHunt.restartServer');
      await waitFor('a running server', () => (api.serverState() === 'running' ? true : undefined));
    },
  },
];
