// Runs inside a fresh VS Code extension host (the smoke-test driver's extensionTestsPath; see
// bench/activation.mjs) and times two activations in the same host:
//   1. the peer, VS Code's built-in markdown extension, by calling its activate() before any
//      markdown document is open (its activate() also starts its language server, as ours does);
//   2. kql-hunt, by opening a report as a user does, until the extension is active, plus the
//      activationMs its own activate() reports.
// The peer goes first so that opening the report activates kql-hunt alone. Results are written
// as JSON to KQL_HUNT_HOST_RESULTS; the host's own exit code never reaches the outer process.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const vscode = require('vscode');

const PEER = 'vscode.markdown-language-features';
const OURS = 'kql-hunt.kql-hunt';
const REPORT = 'remcos-threatfox-report.md';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Waits until no extension has activated for a while: startup work would skew both figures. */
async function settle() {
  const active = () => vscode.extensions.all.filter((e) => e.isActive).length;
  let count = active();
  let stableSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() - stableSince < 1_500 && Date.now() < deadline) {
    await sleep(100);
    if (active() !== count) {
      count = active();
      stableSince = Date.now();
    }
  }
}

async function measure() {
  const figures = { markdownOpenAtStart: vscode.workspace.textDocuments.some(isMarkdown) };
  await settle();
  const peer = vscode.extensions.getExtension(PEER);
  const ours = vscode.extensions.getExtension(OURS);
  if (!peer) throw new Error(`${PEER} is not installed`);
  if (!ours) throw new Error(`${OURS} is not installed`);
  figures.peerWasActive = peer.isActive;
  figures.oursWasActive = ours.isActive;
  if (!peer.isActive) {
    const started = performance.now();
    await peer.activate();
    figures.peerActivateMs = performance.now() - started;
  }
  await settle();
  if (!ours.isActive) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the window has no workspace folder');
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(folder.uri, REPORT),
    );
    await vscode.window.showTextDocument(document);
    figures.openedMs = performance.now() - started;
    await until('kql-hunt to activate', () => ours.isActive);
    figures.openToActiveMs = performance.now() - started;
  }
  figures.activationMs = ours.exports?.activationMs;
  figures.vscodeVersion = vscode.version;
  return figures;
}

function isMarkdown(document) {
  return document.languageId === 'markdown';
}

exports.run = async function run() {
  let result;
  try {
    result = await measure();
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const path = process.env.KQL_HUNT_HOST_RESULTS;
  if (!path) throw new Error('KQL_HUNT_HOST_RESULTS is not set');
  // Written whole and at once: the outer process treats the file's appearance as "done".
  writeFileSync(`${path}.tmp`, JSON.stringify(result, null, 2));
  renameSync(`${path}.tmp`, path);
};
