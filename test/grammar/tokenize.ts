// Loads the shipped KQL grammars into vscode-textmate with the real Oniguruma engine (the one
// VS Code uses), so these tests see exactly the tokens the editor would, without an editor.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import vsctm from 'vscode-textmate';

/** The repository root, from this file's compiled location out/test/grammar/. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One token of a tokenized line: its text and its scopes, outermost first. */
export interface Token {
  text: string;
  scopes: string[];
}

/** One tokenized line, with whether the tokenizer is back at the grammar's root afterwards. */
export interface TokenizedLine {
  text: string;
  tokens: Token[];
  endsAtRoot: boolean;
}

/** scopeName → grammar file, relative to the repository root. */
const grammarFiles: Record<string, string> = {
  'source.kql': 'syntaxes/kql.tmLanguage.json',
  'markdown.kql.codeblock': 'syntaxes/kql-markdown-injection.tmLanguage.json',
  // VS Code's Markdown grammar is not an npm package; a minimal stand-in with the same scope
  // name is enough to prove the injection applies inside `text.html.markdown`.
  'text.html.markdown': 'test/fixtures/grammar/markdown-host.tmLanguage.json',
};

let registry: vsctm.Registry | undefined;

function getRegistry(): vsctm.Registry {
  if (registry) return registry;
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  // loadWASM may run only once per process; the registry is cached for the same reason.
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      if (!file) return null;
      const path = `${repoRoot}${file}`;
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName) =>
      scopeName === 'text.html.markdown' ? ['markdown.kql.codeblock'] : undefined,
  });
  return registry;
}

/** Loads a grammar by scope name (`source.kql`, or `text.html.markdown` for the injection). */
export async function loadGrammar(scopeName: string): Promise<vsctm.IGrammar> {
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/**
 * Tokenizes a whole document line by line, carrying the rule stack across lines as the editor
 * does. Throws if a line hits the time limit, which would mean a pathological regex.
 */
export function tokenizeDocument(grammar: vsctm.IGrammar, source: string): TokenizedLine[] {
  let state = vsctm.INITIAL;
  return source.split(/\r?\n/).map((text) => {
    const result = grammar.tokenizeLine(text, state, 1000);
    if (result.stoppedEarly) throw new Error(`tokenizer timed out on line: ${text}`);
    state = result.ruleStack;
    const tokens = result.tokens.map((token) => ({
      text: text.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
    // depth 1 is the root frame: no string or other region is left open.
    return { text, tokens, endsAtRoot: state.depth === 1 };
  });
}
