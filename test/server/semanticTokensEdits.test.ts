// Semantic tokens sent as edits (textDocument/semanticTokens/full/delta) must rebuild exactly
// the highlighting of the text the server holds, however the text was edited: random edit
// sequences (blank lines that split and merge queries, quotes, comments, `let`s, an unknown
// table, unicode, CRLF) on .kql and markdown documents, driven against the real server. After
// each edit the result held by the "editor" (previous result patched with the returned edits)
// must equal a fresh full result and a from-scratch classification of the same text, which the
// server's per-query highlighting cache does not take part in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  SemanticTokens,
  SemanticTokensDelta,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { createKustoService, fencedKql, KQL_TOKEN_KINDS } from '../../core/kusto/index.js';
import type { KqlToken } from '../../core/kusto/index.js';
import { startServer, type TestServer } from './lspClient.js';

let server: TestServer;
const fresh = createKustoService({ platform: 'sentinel' });

before(async () => {
  server = await startServer({ platform: 'sentinel' });
});

after(async () => {
  await server.stop();
});

const QUERIES = [
  'SigninLogs\n| where UserPrincipalName has "a" and TimeGenerated > ago(1d)\n| summarize count() by bin(TimeGenerated, 1h), IPAddress',
  'let ips = dynamic(["10.0.0.1", "10.0.0.2"]);\nDeviceNetworkEvents\n| where RemoteIP in (ips)\n| project Timestamp, DeviceName',
  'MyFeed_CL | take 1',
  '// hunt: processes\nDeviceProcessEvents\n| where FileName =~ "cmd.exe" // inline\n| extend Len = strlen(ProcessCommandLine)',
  'SecurityEvent\n| where EventID == 4624\n| where Account !has "svc"\n| take 10',
  'SecurityEvent\n| take 5\n| take 5\n| where EventID == 4688',
];

/** Text the edits insert: each can change where queries start and end or how they read. */
const SNIPPETS = [
  '\n',
  '\n\n',
  '\n\n\n',
  '"',
  "'",
  '//',
  '// note\n',
  '|',
  '| where ',
  '(',
  ')',
  ';',
  'let x = 1;\n',
  'MyFeed_CL | take 1',
  'SigninLogs',
  'ago(1d)',
  '"é😀"',
  'é',
  '\r\n',
  ' ',
  'x',
  '```',
  '\n| take 5',
  "h'y'",
];

interface Edit {
  /**
   * A splice of the text, or an editor's line command on the line at `at`: copying a line
   * down repeats its tokens, the case where the unchanged head and tail of two results overlap.
   */
  op: 'splice' | 'copy-line-down' | 'delete-line';
  /** Where the edit starts, as a fraction of the text's length. */
  at: number;
  /** How many characters it removes. */
  remove: number;
  insert: string;
  /** How the editor asks for the highlighting afterwards. */
  ask: 'delta' | 'full' | 'unknown-id';
}

const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.oneof(
    { weight: 6, arbitrary: fc.constant('splice' as const) },
    { weight: 2, arbitrary: fc.constant('copy-line-down' as const) },
    { weight: 1, arbitrary: fc.constant('delete-line' as const) },
  ),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ max: 120 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...SNIPPETS)),
  ask: fc.oneof(
    { weight: 8, arbitrary: fc.constant('delta' as const) },
    { weight: 1, arbitrary: fc.constant('full' as const) },
    { weight: 1, arbitrary: fc.constant('unknown-id' as const) },
  ),
});

const documentText = fc
  .array(fc.constantFrom(...QUERIES), { minLength: 2, maxLength: 4 })
  .map((queries) => queries.join('\n\n') + '\n');

/** The encoding the server uses (one-line tokens only), for tokens by offsets into `document`. */
function encode(document: TextDocument, tokens: readonly KqlToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const start = document.positionAt(token.start);
    const end = document.positionAt(token.start + token.length);
    if (start.line !== end.line) continue;
    const deltaLine = start.line - line;
    data.push(deltaLine, deltaLine === 0 ? start.character - character : start.character);
    data.push(token.length, KQL_TOKEN_KINDS.indexOf(token.kind), 0);
    line = start.line;
    character = start.character;
  }
  return data;
}

/** The highlighting of `document` classified from scratch (no cache shared with the server). */
function expected(document: TextDocument, markdown: boolean): number[] {
  const text = document.getText();
  const view = markdown ? fencedKql(text) : { text };
  return view ? encode(document, fresh.classify(view.text)) : [];
}

function changeFor(
  document: TextDocument,
  e: Edit,
  offset: number,
): TextDocumentContentChangeEvent {
  const { line } = document.positionAt(offset);
  const lineStart = { line, character: 0 };
  if (e.op === 'copy-line-down') {
    const next = { line: line + 1, character: 0 };
    const text = document.getText({ start: lineStart, end: next });
    return { range: { start: next, end: next }, text: text.endsWith('\n') ? text : `\n${text}` };
  }
  if (e.op === 'delete-line') {
    return { range: { start: lineStart, end: { line: line + 1, character: 0 } }, text: '' };
  }
  const end = Math.min(document.getText().length, offset + e.remove);
  return {
    range: { start: document.positionAt(offset), end: document.positionAt(end) },
    text: e.insert,
  };
}

function patch(data: readonly number[], delta: SemanticTokensDelta): number[] {
  const patched = [...data];
  for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) {
    patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
  }
  return patched;
}

let documents = 0;

async function check(markdown: boolean, initial: string, edits: Edit[]): Promise<void> {
  const { connection } = server;
  const name = `edits-${documents++}.${markdown ? 'md' : 'kql'}`;
  const uri = pathToFileURL(join(server.workspace, name)).href;
  const text = markdown ? `# Hunt\n\nIntro.\n\n\`\`\`kql\n${initial}\`\`\`\n\nMore.\n` : initial;
  let document = TextDocument.create(uri, markdown ? 'markdown' : 'kql', 1, text);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: document.languageId, version: 1, text },
  });
  const full = async (): Promise<SemanticTokens> =>
    (await connection.sendRequest('textDocument/semanticTokens/full', {
      textDocument: { uri },
    })) as SemanticTokens;
  let held = await full();
  const background: Promise<unknown>[] = [];
  try {
    for (const [step, e] of edits.entries()) {
      const current = document.getText();
      const start = Math.floor(e.at * current.length);
      const change = changeFor(document, e, start);
      document = TextDocument.update(document, [change], document.version + 1);
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: document.version },
        contentChanges: [change],
      });
      // What an editor sends with a keystroke: a completion list, sometimes a hover. They run
      // before the highlighting in the worker and must not change its answer.
      const caret = document.positionAt(start);
      background.push(
        connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: caret,
        }),
      );
      if (step % 3 === 0) {
        background.push(
          connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: caret }),
        );
      }
      let data: number[];
      // Without KQL (a markdown file whose fences are gone) the answer names no result, and an
      // editor then asks for the whole result again.
      if (e.ask === 'full' || held.resultId === undefined) {
        held = await full();
        data = held.data;
      } else {
        const previousResultId = e.ask === 'delta' ? held.resultId : `not-${held.resultId}`;
        const answer = (await connection.sendRequest('textDocument/semanticTokens/full/delta', {
          textDocument: { uri },
          previousResultId,
        })) as SemanticTokens | SemanticTokensDelta;
        if (e.ask === 'unknown-id') {
          assert.ok('data' in answer, 'a result id the server does not hold gets the whole result');
        } else {
          assert.ok('edits' in answer, 'the last result sent is answered with edits to it');
        }
        data = 'edits' in answer ? patch(held.data, answer) : answer.data;
        held = { resultId: answer.resultId, data };
      }
      const context = `${name} step ${step}: ${JSON.stringify(document.getText())}`;
      assert.deepEqual(data, expected(document, markdown), context);
      // A fresh full result of the same version agrees (and becomes the held one).
      if (step % 4 === 3) {
        const again = await full();
        assert.deepEqual(again.data, data, context);
        held = again;
      }
    }
  } finally {
    await Promise.allSettled(background);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
}

test('semantic token edits rebuild the highlighting of .kql files after random edits', async () => {
  await fc.assert(
    fc.asyncProperty(documentText, fc.array(edit, { minLength: 4, maxLength: 12 }), (text, edits) =>
      check(false, text, edits),
    ),
    { seed: 20261204, numRuns: 20 },
  );
});

test('semantic token edits rebuild the highlighting of fenced KQL in markdown', async () => {
  await fc.assert(
    fc.asyncProperty(documentText, fc.array(edit, { minLength: 4, maxLength: 10 }), (text, edits) =>
      check(true, text, edits),
    ),
    { seed: 4121, numRuns: 12 },
  );
});

test('two documents keep their own results: a delta for one never edits the other', async () => {
  const { connection } = server;
  const uris = ['a', 'b'].map((n) => pathToFileURL(join(server.workspace, `pair-${n}.kql`)).href);
  const docs = uris.map((uri, i) => TextDocument.create(uri, 'kql', 1, QUERIES[i]! + '\n'));
  for (const doc of docs) {
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: doc.uri, languageId: 'kql', version: 1, text: doc.getText() },
    });
  }
  const held = [];
  for (const doc of docs) {
    held.push(
      (await connection.sendRequest('textDocument/semanticTokens/full', {
        textDocument: { uri: doc.uri },
      })) as SemanticTokens,
    );
  }
  // The second document's id named for the first: the first gets its whole result.
  const crossed = (await connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri: uris[0] },
    previousResultId: held[1]!.resultId,
  })) as SemanticTokens;
  assert.ok('data' in crossed);
  assert.deepEqual(crossed.data, expected(docs[0]!, false));
  // The second document's own id still gets (empty) edits.
  const own = (await connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri: uris[1] },
    previousResultId: held[1]!.resultId,
  })) as SemanticTokensDelta;
  assert.deepEqual(own.edits, []);
  for (const uri of uris) {
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
});
