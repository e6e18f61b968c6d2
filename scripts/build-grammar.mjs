// Compiles the TextMate grammars authored in YAML (syntaxes/*.tmLanguage.yaml) to the JSON that
// VS Code loads (syntaxes/*.tmLanguage.json). The JSON is committed so the extension and the
// tests never need this step at run time; `--check` fails instead of writing when a JSON file
// is out of date, for CI.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const dir = 'syntaxes';
const check = process.argv.includes('--check');
let stale = 0;

for (const name of readdirSync(dir).filter((file) => file.endsWith('.tmLanguage.yaml'))) {
  const source = join(dir, name);
  const target = join(dir, name.replace(/\.yaml$/, '.json'));
  // YAML merge keys and anchors are resolved here, so the JSON is plain data.
  const grammar = parse(readFileSync(source, 'utf8'), { merge: true });
  const json = `${JSON.stringify(
    {
      information_for_contributors: [
        `This file is generated from ${source} by scripts/build-grammar.mjs.`,
        'Do not edit it by hand: change the YAML and run `npm run build:grammar`.',
      ],
      ...grammar,
    },
    null,
    2,
  )}\n`;
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
