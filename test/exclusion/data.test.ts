import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXCLUSION_ROLES } from '../../core/exclusion/columns.js';
import {
  exclusionCatalogue,
  exclusionTables,
  schemaColumns,
  whyNoExclusions,
} from '../../core/exclusion/index.js';
import { isProcessName } from '../../core/exclusion/catalogue.js';
import { CATALOGUE } from '../../core/hunt/catalogue.js';
import { createKustoService } from '../../core/kusto/index.js';
import neverExclude from '../../data/exclusion-never.json' with { type: 'json' };

for (const platform of ['sentinel', 'defender'] as const) {
  test(`every exclusion column exists in its table (${platform})`, () => {
    const service = createKustoService({ platform });
    for (const entry of exclusionTables()) {
      const columns = service.columnsOf(entry.table)?.map((c) => c.name);
      if (!columns) continue; // a table of the other platform only
      for (const role of EXCLUSION_ROLES) {
        for (const column of entry.roles[role] ?? []) {
          assert.ok(columns.includes(column), `${entry.table}.${column} (${role})`);
        }
      }
    }
  });
}

test('every hunted table says which columns take exclusions, or why none do', () => {
  const described = new Set(exclusionTables().map((t) => t.table));
  for (const table of CATALOGUE) assert.ok(described.has(table.name), table.name);
  assert.match(whyNoExclusions('DnsEvents') ?? '', /DeviceNetworkEvents/);
  assert.equal(whyNoExclusions('DeviceNetworkEvents'), undefined);
});

test('the tool catalogue holds lower-case process file names under unique tool names', () => {
  const { tools, signers } = exclusionCatalogue();
  const names = tools.map((t) => t.name.toLowerCase());
  assert.equal(new Set(names).size, names.length);
  for (const tool of tools) {
    assert.ok(tool.aliases.length > 0 && tool.processes.length > 0, tool.name);
    for (const p of tool.processes) {
      assert.ok(isProcessName(p) && p === p.toLowerCase(), `${tool.name}: ${p}`);
    }
  }
  for (const signer of signers) assert.ok(signer.companies.length > 0, signer.name);
});

test('schema columns come from the compiled schemas, without the Kusto service', () => {
  const service = createKustoService({ platform: 'defender' });
  assert.deepEqual(
    [...(schemaColumns('defender', 'DeviceNetworkEvents') ?? [])].sort(),
    service
      .columnsOf('DeviceNetworkEvents')!
      .map((c) => c.name)
      .sort(),
  );
  assert.equal(schemaColumns('sentinel', 'NoSuchTable_CL'), undefined);
  assert.ok(schemaColumns('sentinel', 'dnsevents')?.includes('ClientIP'));
});

test('every never-excluded process has a home among the payload folders, and only those', () => {
  const processes = new Set(neverExclude.processes);
  const homed = new Set(neverExclude.payloadFolders.flatMap((f) => f.holds));
  for (const folder of neverExclude.payloadFolders) {
    assert.match(folder.folder, /^C:\\[^%]/, folder.folder);
    for (const name of folder.holds) assert.ok(processes.has(name), `${folder.folder}: ${name}`);
  }
  // A process without a home would be refused by name and hidden by excluding its folder.
  for (const name of processes) assert.ok(homed.has(name), `no payload folder holds ${name}`);
  for (const [variable, folder] of Object.entries(neverExclude.systemVariables)) {
    assert.match(variable, /^%[^%]+%$/, variable);
    assert.match(folder, /^C:(\\|$)/, variable);
  }
});

test('no catalogue tool lists a process the never-exclude list refuses', () => {
  // Naming a product would otherwise propose what kql-hunt refuses by name: PsExec's service,
  // Defender's download-capable command line, the scheduled-task host.
  const never = new Set(neverExclude.processes);
  for (const tool of exclusionCatalogue().tools) {
    for (const p of tool.processes) assert.ok(!never.has(p), `${tool.name}: ${p}`);
  }
  for (const name of ['taskhostw.exe', 'mpcmdrun.exe', 'psexesvc.exe']) {
    assert.ok(never.has(name), name);
  }
  const listed = new Set(exclusionCatalogue().tools.flatMap((t) => t.processes));
  assert.ok(!listed.has('psexesvc.exe'), 'children of psexesvc.exe are lateral movement');
});
