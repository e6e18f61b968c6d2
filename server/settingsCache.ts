/**
 * Per-document `kqlHunt.*` settings. They are resource-scoped, so each workspace folder may
 * differ; a document's settings are fetched once and cached until the client says the
 * configuration changed or the document closes. Each feature supplies its own parser, which
 * checks values: a hand-edited settings.json may hold anything.
 */
import type { Connection } from 'vscode-languageserver';

export class SettingsCache<T> {
  private readonly byUri = new Map<string, Promise<T>>();

  /**
   * @param supportsConfiguration whether the client answers `workspace/configuration`; without
   *   it every document uses the defaults.
   */
  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
    private readonly defaults: T,
    private readonly parse: (raw: unknown) => T,
  ) {}

  /** The settings for `uri`; defaults when the client cannot be asked or the request fails. */
  get(uri: string): Promise<T> {
    if (!this.supportsConfiguration()) return Promise.resolve(this.defaults);
    let pending = this.byUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kqlHunt' })
        .then(
          (raw: unknown) => this.parse(raw),
          (error: unknown) => {
            this.connection.console.warn(`kqlHunt settings unavailable: ${String(error)}`);
            this.byUri.delete(uri);
            return this.defaults;
          },
        );
      this.byUri.set(uri, pending);
    }
    return pending;
  }

  /** Forget everything: called on `workspace/didChangeConfiguration`. */
  clear(): void {
    this.byUri.clear();
  }

  /** Forget one document's settings when it closes. */
  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
