// File URIs to paths and back, for the workspace file the server reads and edits.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A file: URI as a local path. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** A local path as a file: URI. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
