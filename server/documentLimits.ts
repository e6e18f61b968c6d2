// How large a markdown document the server reads. Reading a report runs on the server's main
// thread and costs about 1.3 s per MB on a 2-core machine, so a larger file would stall every
// other request while it is read, and a hostile 50 MB file would stall them for a minute. Real
// threat reports are tens of kilobytes; the CLI reads files of any size.

/** Markdown documents longer than this (in UTF-16 code units) are not read as reports. */
export const MAX_MARKDOWN_CHARS = 2_000_000;

/** True when a markdown text is too large for the server to read. */
export function tooLargeToRead(text: string): boolean {
  return text.length > MAX_MARKDOWN_CHARS;
}

/** Why a document was not read, in words that tell the user what to do instead. */
export function tooLargeMessage(text: string): string {
  const size = (text.length / 1e6).toFixed(1);
  const limit = (MAX_MARKDOWN_CHARS / 1e6).toFixed(0);
  return (
    `This file is ${size} MB: kql-hunt reads markdown up to ${limit} MB in the editor, ` +
    `so the editor stays responsive. Run "kql-hunt hunt <file>" to generate hunts from it.`
  );
}
