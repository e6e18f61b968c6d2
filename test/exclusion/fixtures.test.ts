// Fixture folders under test/fixtures/exclusions/: a report (and optional options.json) in, the
// structured exclusions, report problems, quick fixes and applied hunts expected out. Run with
// UPDATE_FIXTURES=1 to rewrite the expected files after a deliberate change, then run prettier on
// them (expected.json is compared parsed, but formatted like the rest) and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEdits,
  exclusionCatalogue,
  exclusionEdits,
  scenarioExclusion,
  scenarioExclusionsFor,
  scenarioProblems,
  type ExclusionMode,
} from '../../core/exclusion/index.js';
import { maskKql } from '../../core/exclusion/kqlText.js';
import { huntsFor } from '../../core/hunt/generate.js';
import { createKustoService, type KustoService } from '../../core/kusto/index.js';
import { readReport } from '../../core/report/readReport.js';

const root = 'test/fixtures/exclusions';
const update = process.env.UPDATE_FIXTURES === '1';
const services: Record<string, KustoService> = {
  sentinel: createKustoService({ platform: 'sentinel' }),
  defender: createKustoService({ platform: 'defender' }),
};
/** Words from the hostile fixture that would change a query if they escaped their literal. */
const ESCAPE_MARKERS = ['take 1', 'print', 'union', 'where true', 'verbatim', 'injected'];

for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  const text = readFileSync(join(dir, 'report.md'), 'utf8');
  const options = existsSync(join(dir, 'options.json'))
    ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as {
        userTools?: Record<string, string[]>;
      })
    : {};
  const catalogue = exclusionCatalogue(options.userTools ?? {});
  const report = readReport(text, { fallbackTitle: `${name}.md` });
  const generate = (mode: ExclusionMode, platform: 'sentinel' | 'defender' = 'sentinel') =>
    huntsFor(report, {
      platform,
      generated: '2026-12-04',
      exclusions: mode,
      exclusionCatalogue: catalogue,
    });

  test(`${name}: exclusions, problems and quick fixes match expected.json`, () => {
    const tables = generate('none').map((h) => h.table);
    const actual = {
      scenarios: report.scenarios.map((s) => {
        const e = scenarioExclusion(s, catalogue);
        return {
          title: e.title,
          values: e.values,
          files: e.files,
          tools: e.tools,
          refused: e.refused,
        };
      }),
      problems: scenarioProblems(report.scenarios, tables, catalogue).map((p) => ({
        code: p.code,
        severity: p.severity,
        line: text.slice(0, p.start).split('\n').length,
        message: p.message,
      })),
      quickFixes: Object.fromEntries(
        tables.map((t) => [
          t,
          scenarioExclusionsFor(report.scenarios, t, catalogue).map((x) => x.label),
        ]),
      ),
    };
    const file = join(dir, 'expected.json');
    if (update) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')));
  });

  test(`${name}: applied hunts match hunts.kql`, () => {
    const kql = `${generate('applied')
      .map((h) => h.query)
      .join('\n\n')}\n`;
    const file = join(dir, 'hunts.kql');
    if (update) writeFileSync(file, kql);
    assert.equal(kql, readFileSync(file, 'utf8'));
  });

  for (const platform of ['sentinel', 'defender'] as const) {
    for (const mode of ['suggested', 'applied'] as const) {
      test(`${name}: ${mode} hunts are Kusto-clean and report text stays inert (${platform})`, () => {
        const hunts = generate(mode, platform);
        assert.ok(hunts.length > 0, 'a fixture without hunts would check nothing');
        for (const hunt of hunts) {
          assertCleanHunt(services[platform]!, hunt.query, hunt.table);
        }
      });
    }
    test(`${name}: every quick fix yields clean KQL and is idempotent (${platform})`, () => {
      for (const hunt of generate('none', platform)) {
        let query = hunt.query;
        for (const exclusion of scenarioExclusionsFor(report.scenarios, hunt.table, catalogue)) {
          const edits = exclusionEdits(query, exclusion);
          assert.ok(edits, `${exclusion.label} offers an edit on ${hunt.table}`);
          query = applyEdits(query, edits);
          assertCleanHunt(services[platform]!, query, hunt.table);
          assert.equal(exclusionEdits(query, exclusion), undefined, 'second application');
        }
      }
    });
  }
}

function assertCleanHunt(service: KustoService, query: string, table: string): void {
  const errors = service.diagnoseQuery(query).filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `${table}\n${query}`);
  assert.doesNotMatch(query, /[\r\u0085\u2028\u2029]/, 'no line break but \\n');
  const code = maskKql(query).code;
  for (const marker of ESCAPE_MARKERS) {
    assert.ok(!code.includes(marker), `"${marker}" outside a literal or comment in ${table}`);
  }
}
