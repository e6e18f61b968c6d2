// Benchmark of the KQL language server against the raw Kusto service on the same input:
// diagnostics after a one-character edit in a 2,000-line .kql file, sent with what an editor
// asks after a keystroke (a completion list, the file's highlighting, outline and folding);
// the server's CPU per keystroke against the plain service calls it needs; completion and
// hover latency (p50/p99) and memory after opening the file, at the end and at its peak. The
// raw service runs in a process of its own, so neither side's memory holds the other's. Not a
// test: it prints figures.
//
//   npm run compile && npm run build && npm run bench:kql
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const SAMPLES = 200;
const EDITS = 20;
/** The server's pause after the last keystroke (DIAGNOSTIC_DELAY_MS in server/kql/kqlFeatures.ts). */
const TYPING_PAUSE_MS = 75;

/** A 2,000-line file: 100 hunts of 20 lines, separated by blank lines. */
function buildFile() {
  const hunt = (i) =>
    [
      `// hunt ${i}: outbound connections to listed indicators`,
      `let ips_${i} = dynamic(["172.245.4.${i % 250}", "45.9.74.${i % 250}"]);`,
      `let domains_${i} = dynamic(["evil${i}.example", "c2-${i}.example"]);`,
      `let lookback_${i} = 7d;`,
      'DeviceNetworkEvents',
      `| where Timestamp > ago(lookback_${i})`,
      `| where RemoteIP in (ips_${i}) or RemoteUrl has_any (domains_${i})`,
      '| where ActionType == "ConnectionSuccess"',
      '| extend Host = tostring(parse_url(RemoteUrl).Host)',
      '| where not(ipv4_is_private(RemoteIP))',
      '| join kind=leftouter (DeviceInfo',
      '    | summarize arg_max(Timestamp, OSPlatform) by DeviceId',
      '    ) on DeviceId',
      '| project Timestamp, DeviceName, RemoteIP, RemotePort, RemoteUrl, Host,',
      '    InitiatingProcessFileName, InitiatingProcessCommandLine, OSPlatform',
      '| summarize Connections = count(), FirstSeen = min(Timestamp), LastSeen = max(Timestamp),',
      '    Ports = make_set(RemotePort, 20) by DeviceName, RemoteIP, Host',
      '| where Connections > 1',
      '| order by LastSeen desc',
      '| take 100',
    ].join('\n');
  return Array.from({ length: 100 }, (_, i) => hunt(i)).join('\n\n') + '\n\nMyFeed_CL | take 10\n';
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function positions(text, count) {
  // Positions after "| where " lines, inside the pipeline where completion and hover matter.
  const lines = text.split('\n');
  const out = [];
  for (let line = 0; line < lines.length && out.length < count; line++) {
    const where = lines[line].indexOf('| where ');
    if (where >= 0) out.push({ line, character: where + 8 });
  }
  return out;
}

/** CPU time a process has used, all threads, in ms (Linux clock ticks of 10 ms). */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process, all threads, in MB: now (VmRSS) or at its peak (VmHWM). */
function rssMbOf(pid, field = 'VmRSS') {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1000;
}

function offsetOf(text, position) {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

/** The raw service on the same input, in this process (loaded from tsc's output). */
async function rawFigures(text, edited, editedQuery, points, hoverPoints) {
  const { loadKusto } = await import('../out/core/kusto/bridge.js');
  const { globalsFor } = await import('../out/core/kusto/globals.js');
  const { splitQueries } = await import('../out/core/kusto/split.js');
  const K = loadKusto();
  const { globals } = globalsFor({ platform: 'sentinel' });
  const blocks = splitQueries(text);
  for (const b of blocks) K.KustoCode.ParseAndAnalyze(b.text, globals).GetDiagnostics();
  const warmRssMb = process.memoryUsage().rss / 1e6;
  let t = performance.now();
  // The same edits the server saw: each a query text the service has not analysed yet.
  const oneQueryTimes = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    const query = editedQuery.replace(
      /\bXctionType\b/,
      `${String.fromCharCode(66 + version)}ctionType`,
    );
    t = performance.now();
    K.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
    oneQueryTimes.push(performance.now() - t);
  }
  const oneQuery = percentile(oneQueryTimes, 50);
  // Everything an editor asks of the service for one keystroke, as plain service calls: check
  // the edited query, complete at the caret, classify it for highlighting.
  const caret = editedQuery.indexOf('XctionType') + 1;
  const caretCompletion = [];
  const cpuBefore = process.cpuUsage();
  for (let version = 2; version < 2 + EDITS; version++) {
    const query = editedQuery.replace(
      /\bXctionType\b/,
      `${String.fromCharCode(66 + version)}ctionTypz`,
    );
    K.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
    const completing = performance.now();
    const items = new K.Editor.KustoCodeService.$ctor1(query, globals).GetCompletionItems(
      caret,
      null,
    ).Items;
    for (let i = 0; i < items.Count; i++) void items.getItem(i).DisplayText;
    caretCompletion.push(performance.now() - completing);
    new K.Editor.KustoCodeService.$ctor1(query, globals).GetClassifications(
      0,
      query.length,
      false,
      true,
    );
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerEdit = (cpu.user + cpu.system) / 1000 / EDITS;
  t = performance.now();
  for (const b of splitQueries(edited))
    K.KustoCode.ParseAndAnalyze(b.text, globals).GetDiagnostics();
  const wholeFile = performance.now() - t;
  const time = (fn) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const blockAt = (offset) => blocks.find((b) => b.start <= offset && offset <= b.end);
  const completion = points.map((p) => {
    const o = offsetOf(text, p);
    const b = blockAt(o);
    return time(() => {
      // Reading the items is part of the call: the service builds the list lazily.
      const service = new K.Editor.KustoCodeService.$ctor1(b.text, globals);
      const items = service.GetCompletionItems(o - b.start, null).Items;
      for (let i = 0; i < items.Count; i++) void items.getItem(i).DisplayText;
    });
  });
  const hover = hoverPoints.map((p) => {
    const o = offsetOf(text, p);
    const b = blockAt(o);
    return time(() =>
      new K.Editor.KustoCodeService.$ctor1(b.text, globals).GetQuickInfo(o - b.start, null),
    );
  });
  return {
    oneQuery,
    cpuPerEdit,
    caretCompletion,
    wholeFile,
    completion,
    hover,
    warmRssMb,
    rssMb: process.memoryUsage().rss / 1e6,
    peakRssMb: rssMbOf(process.pid, 'VmHWM'),
  };
}

async function serverFigures(text, points, hoverPoints, editLine, editChar) {
  const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-bench-'));
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const w of [...waiters])
      if (w.accept(params)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(params);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const waitFor = (accept) => new Promise((resolve) => waiters.push({ accept, resolve }));
  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
  const uri = `${rootUri}/bench.kql`;
  let start = performance.now();
  // The file ends with a query on an unknown table, so the first KQL publish is recognisable.
  const opened = waitFor((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'KS204'));
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'kql', version: 1, text },
  });
  await opened;
  const openMs = performance.now() - start;

  // The editor holds the file's highlighting and asks for changes to it after each edit.
  let { resultId } = await connection.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri },
  });
  const warmRssMb = rssMbOf(child.pid);
  const cpuStart = cpuMsOf(child.pid);
  const edits = [];
  const highlight = [];
  const typingCompletion = [];
  for (let version = 2; version < 2 + EDITS; version++) {
    // Each edit writes a different letter over the first letter of a column name, so every
    // version is a query text the service has not seen: no cached result answers it.
    const letter = String.fromCharCode(66 + version);
    const done = waitFor(
      (p) =>
        p.uri === uri &&
        p.version === version &&
        // The message names the misspelt column, so a merged publish carrying the previous
        // version's findings does not count.
        p.diagnostics.some((d) => d.code === 'KS142' && d.message.includes(`'${letter}ctionType'`)),
    );
    start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: {
            start: { line: editLine, character: editChar },
            end: { line: editLine, character: editChar + 1 },
          },
          text: letter,
        },
      ],
    });
    // What an editor asks after a keystroke: a completion list at the caret, and the whole
    // file's highlighting, outline and folding (sent at once here, ahead of the diagnostics run;
    // VS Code sends them after short pauses of its own).
    const timed = (promise) => promise.then(() => performance.now() - start);
    const requests = Promise.all([
      timed(
        connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line: editLine, character: editChar + 1 },
        }),
      ),
      timed(
        connection
          .sendRequest('textDocument/semanticTokens/full/delta', {
            textDocument: { uri },
            previousResultId: resultId,
          })
          .then((answer) => (resultId = answer.resultId)),
      ),
      connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
      connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }),
    ]);
    await done;
    edits.push(performance.now() - start);
    const [completed, highlighted] = await requests;
    typingCompletion.push(completed);
    highlight.push(highlighted);
  }
  const cpuPerEdit = (cpuMsOf(child.pid) - cpuStart) / EDITS;
  const completion = [];
  for (const position of points) {
    start = performance.now();
    await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    completion.push(performance.now() - start);
  }
  const hover = [];
  for (const position of hoverPoints) {
    start = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    hover.push(performance.now() - start);
  }
  const rssMb = rssMbOf(child.pid);
  const peakRssMb = rssMbOf(child.pid, 'VmHWM');
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return {
    openMs,
    edits,
    highlight,
    typingCompletion,
    cpuPerEdit,
    completion,
    hover,
    warmRssMb,
    rssMb,
    peakRssMb,
  };
}

const text = buildFile();
const lines = text.split('\n');
// The edit: the "A" of "ActionType" on the first hunt's where line.
const editLine = lines.findIndex((l) => l.includes('ActionType =='));
const editChar = lines[editLine].indexOf('ActionType');
const edited = lines
  .map((l, i) => (i === editLine ? l.slice(0, editChar) + 'X' + l.slice(editChar + 1) : l))
  .join('\n');
const editedQuery = edited.split('\n\n')[0];
const all = positions(text, 100);
const points = Array.from({ length: SAMPLES }, (_, i) => all[i % all.length]);
const hoverPoints = points.map((p) => ({ line: p.line, character: p.character - 3 }));

if (process.argv.includes('--raw')) {
  process.stdout.write(
    JSON.stringify(await rawFigures(text, edited, editedQuery, points, hoverPoints)),
  );
  process.exit(0);
}
const server = await serverFigures(text, points, hoverPoints, editLine, editChar);
const raw = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [process.argv[1], '--raw'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.on('error', reject);
  child.on('exit', (code) =>
    code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`raw figures: exit ${code}`)),
  );
});

const row = (name, ours, base) =>
  `${name.padEnd(50)} ${ours.toFixed(1).padStart(9)} ${base.toFixed(1).padStart(9)} ${(ours / base).toFixed(2).padStart(7)}x`;
const out = [
  `kql-hunt language server vs raw Kusto service — ${lines.length} lines, ${SAMPLES} samples`,
  `${'measure'.padEnd(50)} ${'server'.padStart(9)} ${'raw'.padStart(9)} ${'ratio'.padStart(8)}`,
  row(
    'diagnostics after 1-char edit, p50 ms (vs 1 query)',
    percentile(server.edits, 50),
    raw.oneQuery,
  ),
  // The server shows diagnostics only after a pause in typing, but runs the check during it:
  // what it adds beyond the pause is the check's cost where the worker was busy, plus delivery.
  row(
    'same, less the 75 ms typing pause (vs 1 query)',
    percentile(server.edits, 50) - TYPING_PAUSE_MS,
    raw.oneQuery,
  ),
  row(
    'diagnostics after 1-char edit, p50 ms (vs file)',
    percentile(server.edits, 50),
    raw.wholeFile,
  ),
  row(
    'completion at the edit, p50 ms',
    percentile(server.typingCompletion, 50),
    percentile(raw.caretCompletion, 50),
  ),
  // The overhead over the service: all the server's threads (JSON-RPC, highlighting, outline,
  // folding, the check, the completion) against the plain calls a keystroke needs.
  row('CPU per keystroke, all threads ms (vs 3 calls)', server.cpuPerEdit, raw.cpuPerEdit),
  row('completion p50 ms', percentile(server.completion, 50), percentile(raw.completion, 50)),
  row('completion p99 ms', percentile(server.completion, 99), percentile(raw.completion, 99)),
  row('hover p50 ms', percentile(server.hover, 50), percentile(raw.hover, 50)),
  row('hover p99 ms', percentile(server.hover, 99), percentile(raw.hover, 99)),
  row('memory after opening the file, RSS MB', server.warmRssMb, raw.warmRssMb),
  row('memory after all the requests, RSS MB', server.rssMb, raw.rssMb),
  row('memory at its peak, RSS MB', server.peakRssMb, raw.peakRssMb),
  `completion at each edit: ${server.typingCompletion.map((e) => e.toFixed(0)).join(', ')} ms; highlighting updated after ${percentile(server.highlight, 50).toFixed(0)} ms (p50; it waits for the completion and the check)`,
  `open until first diagnostics (100 queries, cold): ${server.openMs.toFixed(0)} ms; edit samples: ${server.edits.map((e) => e.toFixed(0)).join(', ')} ms (include the ${TYPING_PAUSE_MS} ms typing pause)`,
];
process.stdout.write(`${out.join('\n')}\n`);
