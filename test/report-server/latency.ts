// Measures the report features on a 10,000-row report over LSP, against the real server:
// time to first diagnostics, hover and code-action latency (p50/p99), generation of every hunt.
// Not part of the unit run (timings on a shared machine are not assertions); run it with
// `npm run compile && npm run build && node out/test/report-server/latency.js [rows] [samples]`.
// `npm run bench` measures the same features beside a peer server (bench/reportServer.mjs);
// this script stays for a quick look at our server alone, generateHunts included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServerProcess } from './serverProcess.js';

const rows = Number(process.argv[2] ?? 10_000);
const samples = Number(process.argv[3] ?? 300);

function bigReport(count: number): string {
  const lines = [
    'Malware Family: Benchmark',
    '| Type | Value | Threat Type | First Seen | Confidence |',
    '|---|---|---|---|---|',
  ];
  for (let i = 0; i < count; i++) {
    const [a, b, c] = [11 + (i >> 16), (i >> 8) & 255, i & 255];
    lines.push(
      i % 2
        ? `| ip:port | ${a}[.]${b}[.]${c}[.]9:443 | botnet_cc | 2026-04-20 | 75% |`
        : `| domain | host${i}[.]evil-example[.]com | botnet_cc | 2026-04-20 | 60% |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (n=${sorted.length})`;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-latency-'));
const uri = pathToFileURL(join(dir, 'big.md')).href;
const server = await ServerProcess.start();
try {
  const text = bigReport(rows);
  const opened = performance.now();
  await server.open(uri, 'markdown', text);
  // The summary follows the report features' own publish (other features publish too).
  await server.waitFor<{ uri: string }>('kqlHunt/reportSummary', (p) => p.uri === uri, 600_000);
  process.stdout.write(
    `${rows} rows, ${(text.length / 1024).toFixed(0)} KB: first diagnostics after ${(performance.now() - opened).toFixed(0)} ms\n`,
  );
  const line = (i: number) => 3 + ((i * 7919) % rows);
  const hovers: number[] = [];
  for (let i = 0; i < samples; i++) {
    hovers.push(
      await timed(() =>
        server.request('textDocument/hover', {
          textDocument: { uri },
          position: { line: line(i), character: 14 },
        }),
      ),
    );
  }
  process.stdout.write(`hover: ${percentiles(hovers)}\n`);
  const actions: number[] = [];
  for (let i = 0; i < samples; i++) {
    const at = { line: line(i), character: 3 };
    actions.push(
      await timed(() =>
        server.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: at, end: at },
          context: { diagnostics: [] },
        }),
      ),
    );
  }
  process.stdout.write(`code action (cursor in the table): ${percentiles(actions)}\n`);
  const lens = await timed(() =>
    server.request('textDocument/codeLens', { textDocument: { uri } }),
  );
  process.stdout.write(`code lens: ${lens.toFixed(1)} ms\n`);
  const all = await timed(() => server.request('kqlHunt/generateHunts', { textDocument: { uri } }));
  process.stdout.write(`generateHunts (all ${rows} IOCs): ${all.toFixed(0)} ms\n`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
