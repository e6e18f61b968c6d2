// The peer for the report server: vscode-markdown-languageserver, the server VS Code's built-in
// markdown extension runs for every .md file, started from node_modules and given what VS Code's
// client gives it. That server never parses markdown itself: it asks the client with a
// `markdown/parse` request, and VS Code answers with markdown-it tokens from the extension
// host. The bench client answers the same way, so the parse cost lands on the peer's clock as
// it does in the editor (VS Code's engine also caches the tokens of the last document version).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import markdownIt from 'markdown-it';
import { LspClient } from './lspClient.mjs';

export const MARKDOWN_SERVER =
  'node_modules/vscode-markdown-languageserver/dist/node/workerMain.js';

/**
 * VS Code's defaults for the `markdown` settings section, except `validate.enabled`: it is off
 * by default, and then the server answers every diagnostics pull with nothing without parsing.
 * On, the first pull parses the document and checks every link, which is the work to compare.
 */
const settings = {
  markdown: {
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'never' } },
    occurrencesHighlight: { enabled: false },
    preferredMdPathExtensionStyle: 'auto',
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
    server: { log: 'off' },
  },
};

/** Starts the markdown server with a client that serves parse and file-system requests. */
export function startMarkdownServer(documents) {
  // VS Code's markdown engine: markdown-it with html and linkify on (its preview defaults).
  const md = markdownIt({ html: true, linkify: true });
  const tokenCache = new Map();
  const tokenize = (uri, text, version) => {
    const cached = tokenCache.get(uri);
    if (cached && cached.version === version && version >= 0) return cached.tokens;
    const tokens = md.parse(text, {});
    tokenCache.set(uri, { version, tokens });
    return tokens;
  };
  const pathOf = (uri) => fileURLToPath(uri);
  const client = new LspClient(MARKDOWN_SERVER, ['--stdio'], {
    handlers: {
      'markdown/parse': ({ uri, text }) => {
        if (typeof text === 'string') return tokenize(uri, text, -1);
        const doc = documents.get(uri);
        return doc ? tokenize(uri, doc.text, doc.version) : [];
      },
      'markdown/fs/readFile': ({ uri }) => Array.from(readFileSync(pathOf(uri))),
      'markdown/fs/stat': ({ uri }) => {
        try {
          return { isDirectory: statSync(pathOf(uri)).isDirectory() };
        } catch {
          return undefined;
        }
      },
      'markdown/fs/readDirectory': ({ uri }) =>
        readdirSync(pathOf(uri), { withFileTypes: true }).map((e) => [
          e.name,
          { isDirectory: e.isDirectory() },
        ]),
      'markdown/fs/watcher/create': () => null,
      'markdown/fs/watcher/delete': () => null,
      'markdown/findMarkdownFilesInWorkspace': () => [...documents.keys()],
    },
  });
  return client;
}

/** Initialize params as VS Code's markdown client sends them (the parts the server reads). */
export function markdownInitializeParams(folderUri) {
  return {
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'bench' }],
    initializationOptions: { markdownFileExtensions: ['md', 'mkd', 'mdwn', 'mdown', 'markdown'] },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, diagnostics: {} },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        diagnostic: { dynamicRegistration: false },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: {},
        codeAction: {
          codeActionLiteralSupport: {
            codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] },
          },
        },
      },
    },
  };
}

/** What VS Code's client sends right after `initialized` (its synchronized `markdown` section). */
export function sendMarkdownSettings(client) {
  return client.notify('workspace/didChangeConfiguration', { settings });
}
