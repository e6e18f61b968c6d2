// Which schema a document is checked against: the `kqlHunt` settings (read through
// workspace/configuration, cached per document) on top of the workspace file at the root. In a
// workspace the editor does not trust, the file is not read: like the settings VS Code then
// withholds, it changes which names the checker accepts.
import type { Connection } from 'vscode-languageserver';
import { uriToPath } from './paths.js';
import {
  readFunctions,
  readTables,
  readWorkspaceSchema,
  WORKSPACE_FILE_NAMES,
  type Platform,
  type WorkspaceSchema,
} from '../../core/kusto/index.js';
import type { SchemaConfig } from './workerProtocol.js';

/** The `kqlHunt` settings this server reads. */
interface RawSettings {
  platform?: unknown;
  customTables?: unknown;
  customFunctions?: unknown;
}

/** Per-document schema configuration with the problems found while reading it. */
export interface ResolvedConfig {
  config: SchemaConfig;
  problems: string[];
}

/** Reads and caches the schema configuration of each document. */
export class KqlSettings {
  private readonly perDocument = new Map<string, Promise<ResolvedConfig>>();
  private workspace: WorkspaceSchema | undefined;
  private ignoredFileLogged = false;

  constructor(
    private readonly connection: Connection,
    private readonly canAskClient: () => boolean,
    private readonly root: () => string | undefined,
    private readonly workspaceTrusted: boolean,
  ) {}

  /** Whether the workspace file counts at all; it does not in an untrusted workspace. */
  get readsWorkspaceFile(): boolean {
    return this.workspaceTrusted;
  }

  /** The configuration for a document (cached until settings or the workspace file change). */
  get(uri: string): Promise<ResolvedConfig> {
    let pending = this.perDocument.get(uri);
    if (!pending) {
      pending = this.resolve(uri);
      this.perDocument.set(uri, pending);
    }
    return pending;
  }

  /** Forget one document's settings (closed). */
  delete(uri: string): void {
    this.perDocument.delete(uri);
  }

  /** Settings or the workspace file changed: everything is read again on next use. */
  clear(): void {
    this.perDocument.clear();
    this.workspace = undefined;
  }

  /** The workspace file as last read (for the declare-table quick fix). */
  workspaceSchema(): WorkspaceSchema {
    if (!this.workspaceTrusted) {
      this.logIgnoredFile();
      return emptySchema();
    }
    const root = this.root();
    this.workspace ??= root ? readWorkspaceSchema(uriToPath(root)) : emptySchema();
    return this.workspace;
  }

  /** Said once per server: the file is then never read, so nothing would change the answer. */
  private logIgnoredFile(): void {
    if (this.ignoredFileLogged) return;
    this.ignoredFileLogged = true;
    this.connection.console.info(
      `the workspace is not trusted: the workspace schema file (${WORKSPACE_FILE_NAMES.join(', ')}) ` +
        'is not read, because its tables and functions change which names the checks accept; ' +
        'trust the workspace to use it',
    );
  }

  private async resolve(uri: string): Promise<ResolvedConfig> {
    const file = this.workspaceSchema();
    const problems = [...file.problems];
    let raw: RawSettings = {};
    if (this.canAskClient()) {
      try {
        raw = ((await this.connection.workspace.getConfiguration({
          scopeUri: uri,
          section: 'kqlHunt',
        })) ?? {}) as RawSettings;
      } catch {
        // A client that cannot answer leaves the defaults in place.
      }
    }
    const platform: Platform =
      raw.platform === 'sentinel' || raw.platform === 'defender'
        ? raw.platform
        : (file.platform ?? 'sentinel');
    const customTables = { ...file.tables, ...readTables(raw.customTables ?? undefined, problems) };
    const customFunctions = {
      ...file.functions,
      ...readFunctions(raw.customFunctions ?? undefined, problems),
    };
    return { config: { platform, customTables, customFunctions }, problems };
  }
}

function emptySchema(): WorkspaceSchema {
  return { tables: {}, functions: {}, problems: [] };
}
