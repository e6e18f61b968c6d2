// Fixture-folder tests: each folder under test/fixtures/reports holds a report.md, the JSON the
// CLI's `--format json` prints for it (expected.json), and optionally options.json. Run with
// UPDATE_FIXTURES=1 to rewrite the expected files after a deliberate change, then read the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { CATALOGUE, PLATFORMS, type Platform } from '../../core/hunt/catalogue.js';
import type { ExclusionMode } from '../../core/exclusion/index.js';
import { huntsFor } from '../../core/hunt/generate.js';
import { createKustoService, type KustoService } from '../../core/kusto/index.js';
import { readReport } from '../../core/report/readReport.js';
import { toJsonContract, type HuntJson } from '../../cli/huntJson.js';
import { kqlCodeOnly, kqlStringLiterals } from './kqlLexer.js';

const ROOT = 'test/fixtures/reports';
const UPDATE = process.env.UPDATE_FIXTURES === '1';
/** A fixed date, so the hunt headers do not change from day to day. */
const GENERATED = '2026-01-01';

interface FixtureOptions {
  platform?: Platform;
  tables?: string[];
  lookback?: string;
  minConfidence?: number;
  /**
   * Marker words planted in a hostile report's values, title and family. They must reach the
   * hunts only inside string literals and comments.
   */
  hostileMarkers?: string[];
}

const fixtures = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function optionsOf(name: string): FixtureOptions {
  const path = join(ROOT, name, 'options.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FixtureOptions) : {};
}

function reportOf(name: string, options: FixtureOptions) {
  const text = readFileSync(join(ROOT, name, 'report.md'), 'utf8');
  return readReport(text, {
    fallbackTitle: 'report.md',
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
  });
}

/** What `kql-hunt hunt report.md --format json --date 2026-01-01 [options]` prints. */
function contractOf(name: string): HuntJson {
  const options = optionsOf(name);
  const report = reportOf(name, options);
  const hunts = huntsFor(report, {
    generated: GENERATED,
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.tables ? { tables: options.tables } : {}),
    ...(options.lookback ? { lookback: options.lookback } : {}),
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
  });
  // Through JSON, as the CLI prints it: drops undefined fields the same way.
  return JSON.parse(JSON.stringify(toJsonContract(report, hunts))) as HuntJson;
}

test('there are enough fixtures to cover the report reader', () => {
  assert.ok(fixtures.length >= 14, `only ${fixtures.length} fixture folders`);
});

for (const name of fixtures) {
  test(`fixture ${name} matches expected.json`, async () => {
    const actual = contractOf(name);
    const path = join(ROOT, name, 'expected.json');
    if (UPDATE) {
      // Written as prettier would, so that `npm run format:check` stays green after an update.
      const options = (await resolveConfig(path)) ?? {};
      writeFileSync(path, await format(JSON.stringify(actual), { ...options, filepath: path }));
    }
    assert.ok(existsSync(path), `${path} is missing; run with UPDATE_FIXTURES=1 and review it`);
    const expected = JSON.parse(readFileSync(path, 'utf8')) as HuntJson;
    assert.deepEqual(actual, expected);
  });
}

// The Kusto service takes seconds to build: one per platform for the whole file.
const services = new Map<Platform, KustoService>();
function serviceFor(platform: Platform): KustoService {
  let service = services.get(platform);
  if (!service) {
    service = createKustoService({ platform });
    services.set(platform, service);
  }
  return service;
}

/**
 * Every hunt of a fixture, for every catalogue table of the platform. With exclusions applied
 * the report's scenario text becomes KQL too, so both modes are checked.
 */
function allHunts(name: string, platform: Platform, exclusions: ExclusionMode = 'suggested') {
  const options = optionsOf(name);
  return huntsFor(reportOf(name, options), {
    platform,
    generated: GENERATED,
    tables: CATALOGUE.map((t) => t.name),
    exclusions,
  });
}

const MODES: ExclusionMode[] = ['suggested', 'applied'];

for (const platform of PLATFORMS) {
  test(`every fixture's hunts are free of Kusto errors (${platform})`, () => {
    const service = serviceFor(platform);
    let checked = 0;
    for (const name of fixtures) {
      for (const mode of MODES) {
        for (const hunt of allHunts(name, platform, mode)) {
          const errors = service.diagnoseQuery(hunt.query).filter((d) => d.severity === 'error');
          assert.deepEqual(errors, [], `${name} / ${mode} / ${hunt.table}:\n${hunt.query}`);
          checked++;
        }
      }
    }
    // Most fixtures yield several hunts; a handful would mean the reader lost its IOCs.
    assert.ok(checked >= fixtures.length * 2, `only ${checked} hunts checked`);
  });
}

for (const name of fixtures.filter((n) => optionsOf(n).hostileMarkers)) {
  const markers = optionsOf(name).hostileMarkers as string[];
  test(`hostile fixture ${name}: report text stays inside literals and comments`, () => {
    const report = reportOf(name, optionsOf(name));
    // The generator's own literals (the ":" of an endpoint) plus every value the report gave.
    const expectedValues = new Set([
      ':',
      ...report.iocs.flatMap((ioc) => [
        ioc.value,
        ioc.value.replace(/^[a-z]+:\/\//i, ''),
        ...(ioc.port !== undefined ? [`${ioc.value}:${ioc.port}`] : []),
      ]),
    ]);
    let markerSeen = false;
    for (const platform of PLATFORMS) {
      const service = serviceFor(platform);
      for (const hunt of allHunts(name, platform)) {
        const where = `${platform} / ${hunt.table}:\n${hunt.query}`;
        // Not even a warning: a hostile value must not change how the query parses.
        assert.deepEqual(service.diagnoseQuery(hunt.query), [], where);
        const code = kqlCodeOnly(hunt.query);
        for (const marker of markers) {
          assert.ok(!code.includes(marker), `${marker} outside a literal in ${where}`);
          markerSeen ||= hunt.query.includes(marker);
        }
        // Every literal decodes to exactly one of the report's values: escaping round-trips.
        for (const literal of kqlStringLiterals(hunt.query)) {
          assert.ok(expectedValues.has(literal), `unexpected literal ${JSON.stringify(literal)}`);
        }
      }
    }
    assert.ok(markerSeen, 'no marker reached any hunt: the fixture tests nothing');
  });

  test(`hostile fixture ${name}: applied exclusions keep scenario text inside literals`, () => {
    for (const platform of PLATFORMS) {
      const service = serviceFor(platform);
      for (const hunt of allHunts(name, platform, 'applied')) {
        const where = `${platform} / ${hunt.table}:\n${hunt.query}`;
        const errors = service.diagnoseQuery(hunt.query).filter((d) => d.severity === 'error');
        assert.deepEqual(errors, [], where);
        const code = kqlCodeOnly(hunt.query);
        for (const marker of markers) {
          assert.ok(!code.includes(marker), `${marker} outside a literal in ${where}`);
        }
      }
    }
  });
}
