// Report-level metadata read from loose `Key: value` lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReport } from '../../core/report/readReport.js';

test('every family key of the vocabulary names the family', () => {
  const family = (line: string) => readReport(`# T\n\n${line}\n`).family;
  assert.equal(family('Malware: QakBot'), 'QakBot');
  assert.equal(family('**Malware Family:** Remcos Total IOCs: 2'), 'Remcos');
  assert.equal(family('Family: Lumma'), 'Lumma');
  assert.equal(family('Summary. Malware Family: AgentTesla'), 'AgentTesla');
  assert.equal(family('Malwarebytes flagged it: twice'), undefined);
});
