/**
 * Keeps the disk side of the IOC index current: the first scan after `initialized`, then the
 * client's file events for `**\/*.md` when it can send them. Without file events, a report
 * changed outside the editor is re-read only when it is next opened and closed.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver';
import type { IocIndex } from './iocIndex.js';
import { indexFile, scanWorkspace, type ScanResult } from './workspaceScan.js';

export class ReportWatcher {
  private disposed = false;
  /** Resolves when the first workspace scan has finished (tests and benchmarks wait on it). */
  scanned: Promise<ScanResult | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly capabilities: ClientCapabilities,
    private readonly index: IocIndex,
  ) {}

  start(folderUris: readonly string[]): void {
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.md' }],
        })
        .catch((error: unknown) =>
          this.connection.console.warn(`report index: no file events (${String(error)})`),
        );
    } else if (folderUris.length > 0) {
      this.connection.console.info(
        'report index: the client sends no file events; reports edited outside the editor are re-read when opened',
      );
    }
    const log = {
      info: (message: string) => this.connection.console.info(message),
      warn: (message: string) => this.connection.console.warn(message),
    };
    this.scanned = scanWorkspace(folderUris, this.index, log, undefined, () => this.disposed).catch(
      (error: unknown) => {
        this.connection.console.error(`report index: scan failed: ${String(error)}`);
        return undefined;
      },
    );
  }

  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      if (!/\.md$/i.test(change.uri) || !change.uri.startsWith('file:')) continue;
      if (change.type === FileChangeType.Deleted) this.index.delete(change.uri, 'disk');
      else void this.refresh(change.uri);
    }
  }

  /** Re-reads one report from disk (a file event, or its editor closing). */
  async refresh(uri: string): Promise<void> {
    if (this.disposed || !uri.startsWith('file:')) return;
    await indexFile(uri, this.index);
  }

  dispose(): void {
    this.disposed = true;
  }
}
