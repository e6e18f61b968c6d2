// Helpers the host tests share: the extension under test, the fixture workspace, and waiting
// for a condition through the real API without fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'kql-hunt.kql-hunt';

/** What the client's `activate` returns (see client/extension.ts). */
export interface KqlHuntApi {
  activationMs: number;
  serverState: () => string;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openEditor(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/** Activates the extension (as opening a report would) and returns its test API. */
export async function activeExtension(): Promise<KqlHuntApi> {
  const extension = vscode.extensions.getExtension<KqlHuntApi>(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const exampleReport = 'remcos-threatfox-report.md';
