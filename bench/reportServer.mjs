// The report language server on a 10,000-row report, over real LSP against dist/server.js,
// beside Microsoft's markdown language server (bench/markdownPeer.mjs) on the same file and
// the in-process core (bench/reportCore.mjs). `reportServerRows` runs the measurement in a
// fresh process (`node bench/reportServer.mjs <report.md>` prints JSON) so the bench's own
// heap and garbage collection do not land on either server's clock.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient, percentiles } from './lspClient.mjs';
import {
  markdownInitializeParams,
  sendMarkdownSettings,
  startMarkdownServer,
} from './markdownPeer.mjs';

const SAMPLES = 500;
const WHOLE_DOCUMENT_SAMPLES = 5;
const HOVER_GOAL_MS = 10;
const ACTION_GOAL_MS = 100;

/** Sampled positions on the value cell of table rows, spread over the whole table. */
function valueCells(text, samples) {
  const lines = text.split('\n');
  const rows = [];
  let offset = 0;
  lines.forEach((line, index) => {
    const cells = /^\| [^|]+ \| /.exec(line);
    if (cells && !line.startsWith('| Type ') && !line.startsWith('|---')) {
      const character = cells[0].length;
      rows.push({ line: index, character, offset: offset + character });
    }
    offset += line.length + 1;
  });
  return Array.from({ length: samples }, (_, i) => rows[(i * 7919) % rows.length]);
}

const onLine = (diagnostics, line) =>
  diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);

/**
 * Hover and code-action latency on both servers at once, one request to each in turn (which
 * goes first alternates): on a shared machine whose load drifts, both sides then meet the same
 * load, and the ratio stays meaningful even when the absolute times do not.
 */
async function interleaved(sides, cells, request) {
  const figures = sides.map(() => ({ times: [], answers: 0 }));
  for (const [i, cell] of cells.entries()) {
    const order = i % 2 ? [1, 0] : [0, 1];
    for (const s of order) {
      const { ms, result } = await sides[s].client.timed(...request(sides[s], cell));
      figures[s].times.push(ms);
      figures[s].answers += Array.isArray(result) ? result.length : result ? 1 : 0;
    }
  }
  return figures.map(({ times, answers }) => ({ ...percentiles(times), answers }));
}

const hoverRequest = (side, { line, character }) => [
  'textDocument/hover',
  { textDocument: { uri: side.uri }, position: { line, character } },
];
const actionRequest = (side, { line, character }) => [
  'textDocument/codeAction',
  {
    textDocument: { uri: side.uri },
    range: { start: { line, character }, end: { line, character } },
    // The lightbulb's automatic request, with the diagnostics under the cursor.
    context: { diagnostics: onLine(side.diagnostics, line), triggerKind: 2 },
  },
];

/** Whole-document requests, one server after the other (the peer's folding takes seconds). */
async function wholeDocument(side, method) {
  const times = [];
  let count = 0;
  for (let i = 0; i < WHOLE_DOCUMENT_SAMPLES; i++) {
    const { ms, result } = await side.client.timed(method, { textDocument: { uri: side.uri } });
    times.push(ms);
    count = result?.length ?? 0;
  }
  return { ...percentiles(times), count };
}

async function startOurs(folder) {
  const client = new LspClient('dist/server.js', ['--stdio'], { settings: () => ({}) });
  const initMs = await client.initialize({
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'bench' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
      },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: {
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] },
          },
        },
      },
    },
  });
  const status = await client.waitFor('kqlHunt/kqlServiceStatus', (p) => p.state !== 'starting');
  if (status.params.state !== 'ready') throw new Error(`KQL service ${status.params.state}`);
  const side = { client, initMs, readyMs: status.at - client.spawnedAt, idle: client.memory() };
  side.open = async (uri, text) => {
    const opened = performance.now();
    await client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    // The summary follows the report features' own publish (the other providers publish too).
    const summary = await client.waitFor('kqlHunt/reportSummary', (p) => p.uri === uri);
    const published = client.notifications.filter(
      (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri,
    );
    return { ms: summary.at - opened, diagnostics: published.at(-1)?.params.diagnostics ?? [] };
  };
  return side;
}

async function startPeer(folder, documents) {
  const client = startMarkdownServer(documents);
  const initMs = await client.initialize(markdownInitializeParams(folder));
  await sendMarkdownSettings(client);
  const side = { client, initMs, readyMs: initMs, idle: client.memory() };
  side.open = async (uri, text) => {
    const opened = performance.now();
    await client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    // VS Code pulls diagnostics as soon as a markdown tab opens.
    const pulled = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    return { ms: performance.now() - opened, diagnostics: pulled?.items ?? [] };
  };
  return side;
}

async function measure(file) {
  const text = readFileSync(file, 'utf8');
  const folder = pathToFileURL(dirname(resolve(file))).href;
  const uri = pathToFileURL(resolve(file)).href;
  const cells = valueCells(text, SAMPLES);
  // The core first, on its own, close in time to the servers' own readings of the file.
  const offsetsFile = join(dirname(file), '..', 'lsp-positions.json');
  writeFileSync(offsetsFile, JSON.stringify(cells.map((c) => c.offset)));
  const core = JSON.parse(
    execFileSync(process.execPath, ['bench/reportCore.mjs', file, offsetsFile], {
      encoding: 'utf8',
    }),
  );
  const sides = [];
  try {
    // One after the other, so neither start competes with the other for the CPU.
    sides.push(await startOurs(folder));
    sides.push(await startPeer(folder, new Map([[uri, { text, version: 1 }]])));
    for (const side of sides) {
      const { ms, diagnostics } = await side.open(uri, text);
      Object.assign(side, { uri, firstDiagnosticsMs: ms, diagnostics });
    }
    const hovers = await interleaved(sides, cells, hoverRequest);
    const actions = await interleaved(sides, cells, actionRequest);
    const figures = [];
    for (const [i, side] of sides.entries()) {
      figures.push({
        initMs: side.initMs,
        readyMs: side.readyMs,
        idle: side.idle,
        firstDiagnosticsMs: side.firstDiagnosticsMs,
        diagnostics: side.diagnostics.length,
        hover: hovers[i],
        action: actions[i],
        symbols: await wholeDocument(side, 'textDocument/documentSymbol'),
        folding: await wholeDocument(side, 'textDocument/foldingRange'),
      });
    }
    // Memory last, after every request, with both servers still up.
    sides.forEach((side, i) => (figures[i].warm = side.client.memory()));
    const [ours, peer] = figures;
    return { ours, peer, core: { ...core, hover: percentiles(core.hovers), hovers: undefined } };
  } finally {
    await Promise.all(sides.map((side) => side.client.stop()));
  }
}

const ms = (x) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(x >= 10 ? 1 : 2)} ms`);
const mb = (x) => `${x.toFixed(0)} MB`;
/** A ratio; small ones keep two significant digits instead of rounding to 0.00. */
const times = (a, b) => `${a / b < 0.1 ? (a / b).toPrecision(2) : (a / b).toFixed(2)}×`;
const pair = (a) => `${ms(a.p50)} / ${ms(a.p99)}`;
const met = (value, goal) => (value < goal ? 'met' : 'NOT met');

/**
 * Measures in a child process and adds the rows. `rows` is the report's row count (the
 * report is scripts/make-large-report.mjs's: every IOC type and defang style, untidy layout).
 */
export function reportServerRows(row, cacheDir, rows = 10_000) {
  const dir = join(cacheDir, 'lsp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `report-${rows}.md`);
  execFileSync(process.execPath, ['scripts/make-large-report.mjs', String(rows), file]);
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) {
    // One failed part should not cost the other figures of the run.
    row('report server', 'failed', '—', '—', `bench/reportServer.mjs exited ${child.status}`);
    return;
  }
  const { ours, peer, core } = JSON.parse(child.stdout);
  const size = `${rows.toLocaleString('en')}-row report`;
  const peerName = 'markdown LS';
  row(
    'report server: spawn → initialize answered',
    ms(ours.initMs),
    `${ms(peer.initMs)} (${peerName})`,
    `${times(ours.initMs, peer.initMs)} its time`,
    'process start, module load and the initialize handshake, same client and params shape',
  );
  row(
    'report server: start → ready',
    ms(ours.readyMs),
    `${ms(peer.readyMs)} (${peerName})`,
    `${times(ours.readyMs, peer.readyMs)} its time`,
    'ours: spawn → kqlHunt/kqlServiceStatus ready (Kusto worker warmed); peer: spawn → initialize answered, it has no later ready state',
  );
  row(
    'report server: RSS when ready',
    mb(ours.idle.rssMb),
    `${mb(peer.idle.rssMb)} (${peerName})`,
    `${times(ours.idle.rssMb, peer.idle.rssMb)}`,
    'no document open; ours includes the warmed Kusto worker thread',
  );
  row(
    `${size}: first diagnostics`,
    ms(ours.firstDiagnosticsMs),
    `${ms(peer.firstDiagnosticsMs)} (${peerName})`,
    `${times(ours.firstDiagnosticsMs, peer.firstDiagnosticsMs)} its time`,
    `didOpen → diagnostics (ours pushed: ${ours.diagnostics}; peer pulled, link validation on, client markdown-it parse included: ${peer.diagnostics})`,
  );
  row(
    `${size}: first diagnostics vs core`,
    ms(ours.firstDiagnosticsMs),
    `${ms(core.readMs)} (in-process)`,
    `${times(ours.firstDiagnosticsMs, core.readMs)} its time`,
    `peer: readReport + IocLocator on the same text in a fresh process, ${core.iocs} IOCs`,
  );
  row(
    `${size}: hover p50 / p99`,
    pair(ours.hover),
    `${pair(peer.hover)} (${peerName})`,
    `${times(ours.hover.p50, peer.hover.p50)} / ${times(ours.hover.p99, peer.hover.p99)}`,
    `${ours.hover.n} IOC value cells, requests interleaved; answered: ours ${ours.hover.answers}, peer ${peer.hover.answers} (it hovers only links); goal p99 < ${HOVER_GOAL_MS} ms: ${met(ours.hover.p99, HOVER_GOAL_MS)}`,
  );
  row(
    `${size}: hover vs core p50 / p99`,
    pair(ours.hover),
    `${pair(core.hover)} (in-process)`,
    `${times(ours.hover.p50, core.hover.p50)} / ${times(ours.hover.p99, core.hover.p99)}`,
    `peer: locator lookup + hover card, same cells; the difference is JSON-RPC and the document`,
  );
  row(
    `${size}: code action p50 / p99`,
    pair(ours.action),
    `${pair(peer.action)} (${peerName})`,
    `${times(ours.action.p50, peer.action.p50)} / ${times(ours.action.p99, peer.action.p99)}`,
    `cursor in a value cell, automatic trigger; actions offered: ours ${ours.action.answers}, peer ${peer.action.answers}; goal p99 < ${ACTION_GOAL_MS} ms: ${met(ours.action.p99, ACTION_GOAL_MS)}`,
  );
  row(
    `${size}: document symbols p50`,
    ms(ours.symbols.p50),
    `${ms(peer.symbols.p50)} (${peerName})`,
    times(ours.symbols.p50, peer.symbols.p50),
    `${ours.symbols.n} requests; symbols: ours ${ours.symbols.count}, peer ${peer.symbols.count}`,
  );
  row(
    `${size}: folding ranges p50`,
    ms(ours.folding.p50),
    `${ms(peer.folding.p50)} (${peerName})`,
    times(ours.folding.p50, peer.folding.p50),
    `${ours.folding.n} requests; ranges: ours ${ours.folding.count}, peer ${peer.folding.count}`,
  );
  row(
    `${size}: server RSS after warm-up`,
    mb(ours.warm.rssMb),
    `${mb(peer.warm.rssMb)} (${peerName})`,
    times(ours.warm.rssMb, peer.warm.rssMb),
    `after open + ${SAMPLES} hovers + ${SAMPLES} code actions; peak ours ${mb(ours.warm.peakMb)}, peer ${mb(peer.warm.peakMb)} (peer's parse runs in the client)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measure(process.argv[2])));
}
