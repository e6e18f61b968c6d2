// Formatting through the service's formatter, keeping the document's line endings.
import { codeServiceFor } from './codeService.js';

/** The query reformatted, or the text unchanged when the service cannot format it. */
export function formatQuery(text: string, globals: Kusto.Language.GlobalState): string {
  const formatted = codeServiceFor(text, globals).GetFormattedText(null, 0)?.Text;
  if (!formatted) return text;
  // The formatter writes \r\n; keep whatever the document uses.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return formatted.replace(/\r\n/g, '\n').replace(/\n/g, eol);
}
