// Highlighting read off the diagnostics' analysis must be the highlighting a fresh analysis
// gives: the service answers semantic-token requests from whichever it has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKustoService } from '../../core/kusto/index.js';

const corpus = '../shared/corpus/kql';
/** Every 15th corpus query: about a hundred, from all six collections. */
const sample = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.kql'))
  .sort()
  .filter((_, i) => i % 15 === 0)
  .map((f) => readFileSync(join(corpus, f), 'utf8'));

test('classification after diagnostics equals classification from scratch', () => {
  assert.ok(sample.length >= 90, `sample of ${sample.length} queries`);
  const fresh = createKustoService({ platform: 'sentinel' });
  const checked = createKustoService({ platform: 'sentinel' });
  for (const text of sample) {
    const expected = fresh.classify(text);
    checked.diagnose(text);
    assert.deepEqual(checked.classify(text), expected, text.split('\n', 1)[0]);
  }
});

test('an edited query is highlighted from its new text', () => {
  const service = createKustoService({ platform: 'sentinel' });
  const before = 'SigninLogs\n| where UserPrincipalName has "a"\n\nDeviceInfo | take 1';
  const after = before.replace('UserPrincipalName', 'ago(1d) > TimeGenerated and IPAddress');
  service.diagnose(before);
  service.classify(before);
  service.diagnose(after);
  const tokens = service.classify(after);
  const at = (word: string) => tokens.find((t) => t.start === after.indexOf(word))?.kind;
  assert.equal(at('ago'), 'function');
  assert.equal(at('IPAddress'), 'column');
  assert.equal(at('DeviceInfo'), 'table');
});
