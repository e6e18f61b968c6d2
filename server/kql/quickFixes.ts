// Quick fixes that rewrite the text a KQL diagnostic covers, from the data it carries.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import {
  COUNT_ARGUMENT_CODE,
  DEFANGED_STRING_CODE,
  INVISIBLE_CHARACTER_CODE,
} from '../../core/kusto/index.js';
import type { KqlDiagnosticData } from './convert.js';

/** The rewrites offered for a diagnostic of ours, best first; none for other diagnostics. */
export function rewritesFor(uri: string, diagnostic: Diagnostic): CodeAction[] {
  const data = (diagnostic.data ?? {}) as KqlDiagnosticData;
  const rewrite = (title: string, newText: string, isPreferred: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [uri]: [{ range: diagnostic.range, newText }] } },
  });
  if (diagnostic.code === DEFANGED_STRING_CODE && data.refanged !== undefined) {
    return [rewrite(`Refang to "${data.refanged}"`, data.refanged, true)];
  }
  if (diagnostic.code === INVISIBLE_CHARACTER_CODE && data.cleaned !== undefined) {
    return [rewrite('Remove the invisible characters', data.cleaned, true)];
  }
  if (diagnostic.code === COUNT_ARGUMENT_CODE && data.countArgument !== undefined) {
    // The two ways to write `count(x)` in documented KQL; the first keeps its meaning.
    return [
      rewrite(
        'Write countif(isnotnull(…)): same result',
        `countif(isnotnull(${data.countArgument.trim()}))`,
        true,
      ),
      rewrite('Write count(): count every row', 'count()', false),
    ];
  }
  return [];
}
