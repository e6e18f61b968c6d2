// The workspace IOC index and its disk scan, in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readReport } from '../../core/report/readReport.js';
import { IocIndex } from '../../server/iocIndex/iocIndex.js';
import { scanWorkspace } from '../../server/iocIndex/workspaceScan.js';

const report = (value: string, confidence: string) =>
  readReport(`| Type | Value | Confidence |\n|---|---|---|\n| ip | ${value} | ${confidence} |\n`);
const ip = { type: 'ipv4', value: '203.0.113.5' };

test('an open reading replaces the disk one until the editor closes', () => {
  const index = new IocIndex();
  index.set('file:///w/a.md', 'disk', report('203[.]0[.]113[.]5', '40%'));
  assert.equal(index.lookup(ip)[0]?.ioc.confidence, 40);
  index.set('file:///w/a.md', 'open', report('203[.]0[.]113[.]5', '90%'));
  assert.equal(index.lookup(ip).length, 1);
  assert.equal(index.lookup(ip)[0]?.ioc.confidence, 90);
  index.delete('file:///w/a.md', 'open');
  assert.equal(index.lookup(ip)[0]?.ioc.confidence, 40);
  index.delete('file:///w/a.md', 'disk');
  assert.deepEqual(index.lookup(ip), []);
  assert.equal(index.reportCount, 0);
});

test('a bare address finds ip:port rows; an edit that drops the IOC drops it from the index', () => {
  const index = new IocIndex();
  index.set('file:///w/b.md', 'open', report('203[.]0[.]113[.]5:8080', '75%'));
  assert.equal(index.lookup(ip)[0]?.ioc.port, 8080);
  assert.equal(index.lookup({ ...ip, port: 8080 }).length, 1);
  index.set('file:///w/b.md', 'open', readReport('# nothing left\n'));
  assert.deepEqual(index.lookup(ip), []);
});

test('one report spelled two ways (VS Code and Node encodings) is indexed once', () => {
  const index = new IocIndex();
  index.set('file:///w/a%40b.md', 'open', report('203[.]0[.]113[.]5', '40%'));
  index.set('file:///w/a@b.md', 'disk', report('203[.]0[.]113[.]5', '40%'));
  assert.equal(index.lookup(ip).length, 1);
  assert.equal(index.lookup(ip)[0]?.uri, 'file:///w/a%40b.md');
});

test('the scan reads markdown reports, skips hidden and dependency folders, honours limits', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kql-hunt-scan-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    const table = '| Type | Value |\n|---|---|\n| domain | evil[.]example[.]com |\n';
    write('reports/a.md', table);
    write('reports/deep/b.md', table.replace('evil', 'other'));
    write('node_modules/pkg/c.md', table.replace('evil', 'dep'));
    write('.git/d.md', table.replace('evil', 'hidden'));
    write('notes.md', '# no indicators\n');
    write('big.md', table + 'x'.repeat(2000));
    const index = new IocIndex();
    const log = { info: () => undefined, warn: () => undefined };
    const folder = pathToFileURL(root).href;
    const result = await scanWorkspace([folder], index, log, { maxFiles: 100, maxBytes: 1000 });
    assert.deepEqual([result.files, result.reports, result.skipped], [4, 2, 1]);
    const domain = (value: string) => index.lookup({ type: 'domain', value }).length;
    assert.equal(domain('evil.example.com'), 1);
    assert.equal(domain('other.example.com'), 1);
    assert.equal(domain('dep.example.com'), 0);
    assert.equal(domain('hidden.example.com'), 0);
    const capped = await scanWorkspace([folder], new IocIndex(), log, {
      maxFiles: 1,
      maxBytes: 1000,
    });
    assert.equal(capped.truncated, true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
