// Every snippet, with its defaults accepted, is KQL the Kusto service accepts against the
// Sentinel schema. Bodies that start with `|` are pipeline fragments and are checked after a
// table that has the columns they use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createKustoService } from '../../core/kusto/index.js';
import { bodyText, parseBody } from './snippetBody.js';

interface Snippet {
  prefix: string;
  body: string | string[];
}

const snippets = JSON.parse(readFileSync('snippets/kql.json', 'utf8')) as Record<string, Snippet>;
const service = createKustoService({ platform: 'sentinel' });

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to KQL without errors`, () => {
    const expanded = parseBody(bodyText(snippet.body)).expanded;
    const query = expanded.trimStart().startsWith('|')
      ? `DeviceNetworkEvents\n${expanded}`
      : expanded;
    const errors = service.diagnose(query).filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((e) => `${e.code} ${e.message} @${e.start}`),
      [],
      `${snippet.prefix}:\n${query}`,
    );
  });
}
