// The extension as VS Code sees it: activation on a report, its commands, its settings.
// None of these needs the language server's features, only the client and the manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './runner.js';
import { activeExtension, exampleReport, extensionId, openEditor, waitFor } from './support.js';

/** Figures the outer runner prints with the results. */
export const activationFigures: { activationMs?: number; openToActiveMs?: number } = {};

interface ManifestCommand {
  command: string;
  category?: string;
}
interface ManifestSetting {
  scope?: string;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
}

function manifest(): {
  contributes: {
    commands: ManifestCommand[];
    configuration: { properties: Record<string, ManifestSetting> };
  };
} {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension.packageJSON;
}

export const activationTests: HostTest[] = [
  {
    name: 'opening a markdown report activates the extension',
    run: async () => {
      const extension = vscode.extensions.getExtension(extensionId);
      assert.ok(extension, `${extensionId} is installed`);
      const started = Date.now();
      await openEditor(exampleReport);
      await waitFor('activation', () => (extension.isActive ? true : undefined));
      activationFigures.openToActiveMs = Date.now() - started;
      const api = await activeExtension();
      activationFigures.activationMs = api.activationMs;
      assert.equal(typeof api.activationMs, 'number');
    },
  },
  {
    name: 'every contributed command is registered, with the kql-hunt category',
    run: async () => {
      await activeExtension();
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const { command, category } of manifest().contributes.commands) {
        assert.ok(registered.has(command), `${command} is registered`);
        assert.equal(category, 'kql-hunt', `${command} has the kql-hunt category`);
      }
    },
  },
  {
    name: 'every setting declares a scope and a description',
    run: async () => {
      const properties = manifest().contributes.configuration.properties;
      for (const [key, setting] of Object.entries(properties)) {
        assert.ok(setting.scope, `${key} has a scope`);
        assert.ok(setting.description ?? setting.markdownDescription, `${key} has a description`);
      }
    },
  },
  {
    name: 'settings read back their documented defaults',
    run: async () => {
      const config = vscode.workspace.getConfiguration('kqlHunt');
      assert.equal(config.get('platform'), 'sentinel');
      assert.deepEqual(config.get('tables'), []);
      assert.equal(config.get('lookback'), '14d');
      assert.equal(config.get('minConfidence'), 0);
      assert.equal(config.get('huntOutput'), 'newEditor');
      assert.equal(config.get('exclusions'), 'suggested');
      assert.deepEqual(config.get('customTables'), {});
      assert.deepEqual(config.get('customFunctions'), {});
      assert.deepEqual(config.get('exclusionTools'), {});
      assert.equal(config.get('trace.server'), 'off');
    },
  },
  {
    name: 'a workspace setting overrides the default and can be reset',
    run: async () => {
      const config = () => vscode.workspace.getConfiguration('kqlHunt');
      const target = vscode.ConfigurationTarget.Workspace;
      await config().update('platform', 'defender', target);
      try {
        await waitFor('the new value', () =>
          config().get('platform') === 'defender' ? true : undefined,
        );
      } finally {
        await config().update('platform', undefined, target);
      }
      assert.equal(config().get('platform'), 'sentinel');
    },
  },
  {
    name: 'the language server is running after activation',
    run: async () => {
      const api = await activeExtension();
      await waitFor('a running server', () => (api.serverState() === 'running' ? true : undefined));
    },
  },
];
