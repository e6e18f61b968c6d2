// Protocol tests against the real bundled server process: initialize, open, change,
// diagnostics, completion, hover, formatting, code actions and shutdown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type {
  CodeAction,
  CompletionItem,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  SemanticTokens,
  SemanticTokensDelta,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lspClient.js';

let server: TestServer;
let uri: string;
const query = [
  'let ips = dynamic(["172[.]245[.]4[.]229"]);',
  'DeviceNetworkEvents',
  '| where Timestamp > ago(1d) and RemoteIP in (ips)',
  '| summarize count() by bin(TimeGenerated, 1h), DeviceName',
].join('\n');

before(async () => {
  server = await startServer({ platform: 'sentinel' });
  uri = pathToFileURL(join(server.workspace, 'hunt.kql')).href;
});

after(async () => {
  await server.stop();
});

function open(text: string, version = 1, docUri = uri): void {
  void server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: docUri, languageId: 'kql', version, text },
  });
}

test('initialize announces the KQL capabilities', () => {
  const caps = server.initializeResult.capabilities;
  assert.ok(caps.hoverProvider && caps.completionProvider && caps.documentFormattingProvider);
  assert.ok(caps.semanticTokensProvider && caps.signatureHelpProvider && caps.referencesProvider);
});

test('opening a document publishes its diagnostics', async () => {
  // Other providers publish for the same document too; wait for the KQL service's findings.
  const published = server.diagnostics(uri, (p) =>
    p.diagnostics.some((d) => d.source === 'kql-hunt'),
  );
  open(query);
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.filter((d) => d.source === 'kql-hunt').map((d) => [d.code, d.range.start.line]),
    [['KQLH001', 0]],
  );
});

test('a change is diagnosed again, with the exact range of the new mistake', async () => {
  const published = server.diagnostics(
    uri,
    (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'KS142'),
  );
  const line = query.split('\n')[3]!;
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      {
        range: {
          start: { line: 3, character: line.length },
          end: { line: 3, character: line.length },
        },
        text: 'x',
      },
    ],
  });
  const { diagnostics } = await published;
  const error = diagnostics.find((d) => d.code === 'KS142');
  assert.ok(error, JSON.stringify(diagnostics));
  assert.deepEqual(error.range, {
    start: { line: 3, character: line.indexOf('DeviceName') },
    end: { line: 3, character: line.length + 1 },
  });
});

test('completion offers the columns in scope', async () => {
  const items = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 2, character: 8 },
  })) as CompletionItem[];
  const labels = items.map((i) => i.label);
  assert.ok(
    labels.includes('RemoteIP') && labels.includes('Timestamp'),
    labels.slice(0, 20).join(),
  );
});

test('hover shows the type and our documentation', async () => {
  const hover = (await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 21 },
  })) as Hover;
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /ago/);
  assert.match(text, /before now/);
});

test('signature help names the active parameter', async () => {
  const help = (await server.connection.sendRequest('textDocument/signatureHelp', {
    textDocument: { uri },
    position: { line: 3, character: 42 },
  })) as SignatureHelp;
  assert.equal(help.activeParameter, 1);
  assert.ok(help.signatures[0]?.label.startsWith('bin('));
});

test('the refang quick fix rewrites the literal', async () => {
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 20 }, end: { line: 0, character: 20 } },
    context: {
      diagnostics: [
        {
          range: { start: { line: 0, character: 20 }, end: { line: 0, character: 39 } },
          code: 'KQLH001',
          message: '',
          data: { refanged: '172.245.4.229' },
        },
      ],
    },
  })) as CodeAction[];
  const edit = actions[0]?.edit?.changes?.[uri]?.[0];
  assert.equal(edit?.newText, '172.245.4.229');
});

test('formatting returns edits for the query', async () => {
  const edits = (await server.connection.sendRequest('textDocument/formatting', {
    textDocument: { uri },
    options: { tabSize: 4, insertSpaces: true },
  })) as TextEdit[];
  assert.ok(Array.isArray(edits));
});

test('let names have symbols, a definition and references', async () => {
  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', {
    textDocument: { uri },
  })) as DocumentSymbol[];
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['ips'],
  );
  const refs = (await server.connection.sendRequest('textDocument/references', {
    textDocument: { uri },
    position: { line: 0, character: 5 },
    context: { includeDeclaration: true },
  })) as Location[];
  assert.deepEqual(
    refs.map((r) => r.range.start.line),
    [0, 2],
  );
});

test('semantic tokens classify the query', async () => {
  const tokens = (await server.connection.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri },
  })) as SemanticTokens;
  assert.ok(tokens.data.length > 20 && tokens.data.length % 5 === 0);
});

test('after an edit, semantic tokens come as edits to the result the editor holds', async () => {
  const docUri = pathToFileURL(join(server.workspace, 'delta.kql')).href;
  const text = `SigninLogs | take 1\n\n${query}\n\nSecurityEvent\n| where EventID == 4624`;
  open(text, 1, docUri);
  const full = (await server.connection.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri: docUri },
  })) as SemanticTokens;
  assert.ok(full.resultId);
  // The middle query's filter gains a call: tokens before and after it stay as they were.
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: docUri, version: 2 },
    contentChanges: [{ text: text.replace('RemoteIP in (ips)', 'tolower(RemoteUrl) has "x"') }],
  });
  const delta = (await server.connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri: docUri },
    previousResultId: full.resultId,
  })) as SemanticTokensDelta;
  assert.equal(delta.edits.length, 1);
  const edit = delta.edits[0]!;
  assert.ok(edit.start > 0 && edit.start + edit.deleteCount < full.data.length);
  const patched = [...full.data];
  patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  const fresh = (await server.connection.sendRequest('textDocument/semanticTokens/full', {
    textDocument: { uri: docUri },
  })) as SemanticTokens;
  assert.deepEqual(patched, fresh.data);
  // A result id the server no longer holds gets the whole result.
  const stale = (await server.connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri: docUri },
    previousResultId: full.resultId,
  })) as SemanticTokens;
  assert.deepEqual(stale.data, fresh.data);
});

test('count(Column) warns and offers the two documented rewrites', async () => {
  const countUri = pathToFileURL(join(server.workspace, 'count.kql')).href;
  const text = 'SecurityEvent\n| summarize Logons = count(TargetUserName) by Computer';
  const published = server.diagnostics(countUri, (p) => p.diagnostics.length > 0);
  open(text, 1, countUri);
  const [warning, ...others] = (await published).diagnostics;
  assert.deepEqual(others, []);
  assert.equal(warning?.code, 'KQLH002');
  assert.equal(warning?.severity, 2);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: countUri },
    range: warning!.range,
    context: { diagnostics: [warning] },
  })) as CodeAction[];
  const rewrites = actions.map((a) => [
    a.isPreferred ?? false,
    a.edit?.changes?.[countUri]?.[0]?.newText,
  ]);
  assert.deepEqual(rewrites, [
    [true, 'countif(isnotnull(TargetUserName))'],
    [false, 'count()'],
  ]);
  // The preferred rewrite leaves nothing to report.
  const fixed = server.diagnostics(countUri, (p) => p.version === 2);
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: countUri, version: 2 },
    contentChanges: [{ range: warning!.range, text: 'countif(isnotnull(TargetUserName))' }],
  });
  assert.deepEqual((await fixed).diagnostics, []);
});

test("a saved function's parameters can be declared, each with the type its uses need", async () => {
  const bodyUri = pathToFileURL(join(server.workspace, 'function-body.kql')).href;
  const lines = [
    '// Save as a function with parameters (query_period:timespan, domain:string)',
    'SigninLogs',
    '| where TimeGenerated > ago(query_period)',
    '| where UserPrincipalName endswith domain',
  ];
  const published = server.diagnostics(bodyUri, (p) => p.diagnostics.length > 0);
  open(lines.join('\n'), 1, bodyUri);
  const unknown = (await published).diagnostics.filter((d) => d.code === 'KS142');
  assert.equal(unknown.length, 2);
  const fixes = async (version: number) => {
    const diagnostics = (
      await server.diagnostics(bodyUri, (p) => p.version === version)
    ).diagnostics.filter((d) => d.code === 'KS142');
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: bodyUri },
      range: diagnostics[0]!.range,
      context: { diagnostics: diagnostics.slice(0, 1) },
    })) as CodeAction[];
    return actions.filter((a) => a.title.startsWith('Declare'));
  };
  const [first] = await fixes(1);
  assert.equal(first?.title, "Declare 'query_period' as a query parameter (timespan)");
  const edit = first!.edit!.changes![bodyUri]![0]!;
  assert.deepEqual(edit.newText, 'declare query_parameters(query_period:timespan);\n');
  // Below the comment that opens the query.
  assert.deepEqual(edit.range.start, { line: 1, character: 0 });
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: bodyUri, version: 2 },
    contentChanges: [{ range: edit.range, text: edit.newText }],
  });
  const [second] = await fixes(2);
  assert.equal(second?.title, "Declare 'domain' as a query parameter (string)");
  const added = second!.edit!.changes![bodyUri]![0]!;
  assert.equal(added.newText, ', domain:string');
  const clean = server.diagnostics(bodyUri, (p) => p.version === 3);
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: bodyUri, version: 3 },
    contentChanges: [{ range: added.range, text: added.newText }],
  });
  assert.deepEqual((await clean).diagnostics, []);
});

test('an unknown table warns and offers to declare it', async () => {
  const tableUri = pathToFileURL(join(server.workspace, 'custom.kql')).href;
  const published = server.diagnostics(tableUri, (p) => p.diagnostics.length > 0);
  open('MyFeed_CL | where Indicator_s == "x"', 1, tableUri);
  const diagnostics = (await published).diagnostics.filter((d) => d.code === 'KS204');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.severity, 2);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: tableUri },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  })) as CodeAction[];
  assert.match(actions[0]?.title ?? '', /Declare table 'MyFeed_CL'/);
  assert.ok(actions[0]?.edit?.documentChanges);
});

test('a markdown file closed and reopened at the same version is read anew', async () => {
  const mdUri = pathToFileURL(join(server.workspace, 'reopened.md')).href;
  const fence = '```kql\nMyFeed_CL | take 1\n```\n';
  const openAs = (text: string) =>
    void server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: mdUri, languageId: 'markdown', version: 1, text },
    });
  const first = server.diagnostics(mdUri, (p) => p.diagnostics.some((d) => d.code === 'KS204'));
  openAs(`# Feed\n\n${fence}`);
  assert.equal((await first).diagnostics.find((d) => d.code === 'KS204')?.range.start.line, 3);
  void server.connection.sendNotification('textDocument/didClose', {
    textDocument: { uri: mdUri },
  });
  // The file changed on disk meanwhile: the fence is now two lines further down.
  const second = server.diagnostics(mdUri, (p) => p.diagnostics.some((d) => d.code === 'KS204'));
  openAs(`# Feed\n\nThe feed is new.\n\n${fence}`);
  assert.equal((await second).diagnostics.find((d) => d.code === 'KS204')?.range.start.line, 5);
});

test('fenced KQL in markdown is checked', async () => {
  const mdUri = pathToFileURL(join(server.workspace, 'notes.md')).href;
  const published = server.diagnostics(mdUri, (p) =>
    p.diagnostics.some((d) => d.source === 'kql-hunt' && d.code === 'KS142'),
  );
  void server.connection.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri: mdUri,
      languageId: 'markdown',
      version: 1,
      text: '# Notes\n\n```kql\nSigninLogs\n| where NoSuchColumn == 1\n```\n',
    },
  });
  const { diagnostics } = await published;
  const error = diagnostics.find((d) => d.code === 'KS142');
  assert.equal(error?.range.start.line, 4);
  assert.equal(error?.range.start.character, 8);
});
