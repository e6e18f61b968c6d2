// Compiles the TextMate grammars authored in YAML (syntaxes/*.tmLanguage.yaml) to the JSON that
// VS Code loads (syntaxes/*.tmLanguage.json). The JSON is committed so the extension and the
// tests never need this step at run time; `--check` fails instead of writing when a JSON file
// is out of date, for CI and for test/grammar/manifest.test.ts.
//
// One addition to plain TextMate: a top-level `variables` map of word lists. Each {{name}} in a
// match/begin/end/while regex is replaced by the variable's value with all whitespace removed,
// so long alternations can wrap over several lines in the YAML. The JSON has no variables left.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = 'syntaxes';
const check = process.argv.includes('--check');
const regexKeys = new Set(['match', 'begin', 'end', 'while']);

/** Replaces {{name}} in every regex of `node`, recursively; an unknown name is an error. */
function substitute(node, variables, source) {
  if (Array.isArray(node)) return node.map((item) => substitute(item, variables, source));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (!regexKeys.has(key) || typeof value !== 'string') {
        return [key, substitute(value, variables, source)];
      }
      const expanded = value.replace(/\{\{(\w+)\}\}/g, (_, name) => {
        if (!(name in variables)) throw new Error(`${source}: unknown variable {{${name}}}`);
        return variables[name];
      });
      return [key, expanded];
    }),
  );
}

/** The JSON text for one YAML grammar. */
function compile(source) {
  const { variables = {}, ...grammar } = parse(readFileSync(source, 'utf8'));
  const words = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, String(value).replace(/\s+/g, '')]),
  );
  const compiled = {
    information_for_contributors: [
      `This file is generated from ${source} by scripts/build-grammar.mjs.`,
      'Do not edit it by hand: change the YAML and run `npm run build:grammar`.',
    ],
    ...substitute(grammar, words, source),
  };
  return `${JSON.stringify(compiled, null, 2)}\n`;
}

let stale = 0;
for (const name of readdirSync(dir).filter((file) => file.endsWith('.tmLanguage.yaml'))) {
  const source = join(dir, name);
  const target = join(dir, name.replace(/\.yaml$/, '.json'));
  const json = compile(source);
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing target counts as stale.
  }
  if (current === json) continue;
  if (check) {
    console.error(`${target} is out of date with ${source}; run npm run build:grammar`);
    stale += 1;
  } else {
    writeFileSync(target, json);
    console.log(`wrote ${target}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
