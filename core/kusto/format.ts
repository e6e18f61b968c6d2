// Formatting through the service's formatter, keeping the document's line endings. The text is
// given whole (not through codeServiceFor, which shortens long lists): the result replaces it.
import { loadKusto } from './bridge.js';

/** The query reformatted, or the text unchanged when the service cannot format it. */
export function formatQuery(text: string, globals: Kusto.Language.GlobalState): string {
  const service = new (loadKusto().Editor.KustoCodeService.$ctor1)(text, globals);
  const formatted = service.GetFormattedText(null, 0)?.Text;
  if (!formatted) return text;
  // The formatter writes \r\n; keep whatever the document uses.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return formatted.replace(/\r\n/g, '\n').replace(/\n/g, eol);
}
