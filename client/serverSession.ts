// Owns the language client: starting the bundled server over IPC, restarting it, and turning its
// failures into one message the user can act on. Everything else asks this class for a running
// client instead of holding one, so a restart never leaves a stale reference behind.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { existsSync } from 'node:fs';
import {
  KqlServiceStatusNotification,
  ReportSummaryNotification,
  type KqlHuntInitializationOptions,
  type KqlServiceStatusParams,
  type ReportSummaryParams,
} from './serverApi.js';

/** What the status item shows; `failed` carries the reason already logged to the output. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** Crashes tolerated within `crashWindowMs` before the client gives up restarting. */
const maxCrashes = 4;
const crashWindowMs = 3 * 60_000;

/** Shown once per session after the first crash the client recovered from. */
const RESTART_NOTICE = 'kql-hunt: the language server stopped unexpectedly and was restarted.';

/**
 * The library shows its own notification for every start or restart failure, several per
 * incident; this session reports each incident once itself, so the library only logs.
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

export class ServerSession implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private crashes: number[] = [];
  private errorShown = false;
  /** A crash was seen and the library is restarting the server; the notice waits for it. */
  private recoveringFromCrash = false;
  private restartNoticeShown = false;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly summaryEmitter = new vscode.EventEmitter<ReportSummaryParams>();
  private readonly kqlServiceEmitter = new vscode.EventEmitter<KqlServiceStatusParams>();
  private kqlServiceWarned = false;

  /** Fires on every change of the server's state. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when the server reports how many IOCs a report holds. */
  readonly onReportSummary = this.summaryEmitter.event;
  /** Fires when the server's KQL analysis worker starts, becomes ready or fails. */
  readonly onKqlServiceStatus = this.kqlServiceEmitter.event;
  state: ServerState = 'stopped';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The running client, or an error the calling command reports. */
  running(): LanguageClient {
    if (!this.client || this.state !== 'running') {
      throw new Error('the kql-hunt language server is not running');
    }
    return this.client;
  }

  async start(): Promise<void> {
    const started = Date.now();
    const module = this.context.asAbsolutePath('dist/server.js');
    if (!existsSync(module)) {
      this.fail(`the language server is missing from the extension (${module})`);
      return;
    }
    const client = this.createClient(module);
    this.client = client;
    this.setState('starting');
    let starting = true;
    // Registered before start so a summary sent right after initialisation is not lost.
    client.onNotification(ReportSummaryNotification, (params) => this.summaryEmitter.fire(params));
    client.onNotification(KqlServiceStatusNotification, (params) => this.kqlServiceStatus(params));
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) {
        this.setState('running');
        if (this.recoveringFromCrash) this.recovered();
      }
      // A restart after a crash that fails lands here, not in `start`'s catch.
      else if (newState === State.StartFailed && !starting) {
        this.fail('the language server did not restart');
      } else if (newState === State.Stopped && this.state !== 'failed') this.setState('stopped');
    });
    try {
      await client.start();
    } catch (error) {
      this.fail(`the language server did not start: ${errorText(error)}`);
      return;
    } finally {
      starting = false;
    }
    this.errorShown = false;
    this.log.info(`language server running (${Date.now() - started} ms)`);
  }

  /** Stops the current server (if any) and starts a fresh one: the user's way out of a bad state. */
  async restart(): Promise<void> {
    this.log.info('restarting the language server');
    await this.stop();
    this.crashes = [];
    await this.start();
  }

  async stop(): Promise<void> {
    this.recoveringFromCrash = false;
    const client = this.client;
    this.client = undefined;
    if (client && client.needsStop()) {
      try {
        await client.stop(2000);
      } catch (error) {
        this.log.warn(`language server did not stop cleanly: ${String(error)}`);
      }
    }
    this.setState('stopped');
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.summaryEmitter.dispose();
    this.kqlServiceEmitter.dispose();
  }

  private createClient(module: string): LanguageClient {
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'kql' }, { language: 'markdown' }],
      // The server pulls resource-scoped settings itself; this only makes the client tell it
      // when a kqlHunt setting changed, whether or not the server registered for that.
      synchronize: { configurationSection: 'kqlHunt' },
      // The server's `connection.console` lines land in our channel, with their levels.
      outputChannel: this.log,
      // Failures are reported once by `fail`; the channel never pops up by itself.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
      // Read once per server start: trust granted later restarts the server (client/extension.ts).
      initializationOptions: {
        workspaceTrusted: vscode.workspace.isTrusted,
      } satisfies KqlHuntInitializationOptions,
      // `start` reports the failure (once) when the promise it awaits rejects.
      initializationFailedHandler: () => false,
    };
    // The id `kqlHunt` makes the client honour the `kqlHunt.trace.server` setting.
    return new QuietLanguageClient('kqlHunt', 'kql-hunt', serverOptions, clientOptions);
  }

  /**
   * Restart after a crash unless it keeps crashing; then stop and tell the user once. A restart
   * that works is announced by `recovered`, once it is running again.
   */
  private errorHandler(): ErrorHandler {
    return {
      error: (error, _message, count) => {
        this.log.error(`language server connection error: ${error.message}`);
        return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
      },
      closed: () => {
        // A server that never got running will not do better on a restart.
        if (this.state !== 'running') return { action: CloseAction.DoNotRestart, handled: true };
        const now = Date.now();
        this.crashes = [...this.crashes.filter((time) => now - time < crashWindowMs), now];
        if (this.crashes.length > maxCrashes) {
          this.fail(`the language server crashed ${this.crashes.length} times in 3 minutes`);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        this.log.warn('the language server stopped unexpectedly; restarting it');
        this.recoveringFromCrash = true;
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  /**
   * The server crashed and runs again. Requests in flight were lost and results may have
   * flickered, so the user hears of it, but only once a session: a server that keeps crashing
   * must not bury the editor in notices (the give-up error in `fail` covers that).
   */
  private recovered(): void {
    this.recoveringFromCrash = false;
    this.log.info('language server restarted after a crash');
    if (this.restartNoticeShown) return;
    this.restartNoticeShown = true;
    void vscode.window.showWarningMessage(RESTART_NOTICE, 'Open Output').then((choice) => {
      if (choice === 'Open Output') this.log.show(true);
    });
  }

  /**
   * A failed KQL service is degraded, not broken: report features still work. It is logged, shown
   * in the status item, and raised once as a warning the user can follow to the output.
   */
  private kqlServiceStatus(params: KqlServiceStatusParams): void {
    this.kqlServiceEmitter.fire(params);
    const detail = params.message ? `: ${params.message}` : '';
    if (params.state !== 'failed') {
      if (params.message) this.log.warn(`KQL service (${params.platform})${detail}`);
      else this.log.info(`KQL service ${params.state} (${params.platform})`);
      return;
    }
    this.log.error(`KQL service failed${detail}`);
    if (this.kqlServiceWarned) return;
    this.kqlServiceWarned = true;
    void vscode.window
      .showWarningMessage(`kql-hunt: KQL checks are unavailable${detail}.`, 'Open Output')
      .then((choice) => {
        if (choice === 'Open Output') this.log.show(true);
      });
  }

  private fail(reason: string): void {
    this.log.error(reason);
    this.setState('failed');
    if (this.errorShown) return;
    this.errorShown = true;
    void vscode.window
      .showErrorMessage(`kql-hunt: ${reason}.`, 'Open Output', 'Restart')
      .then((choice) => {
        if (choice === 'Open Output') this.log.show(true);
        if (choice === 'Restart') void this.restart();
      });
  }

  private setState(state: ServerState): void {
    if (state === this.state) return;
    this.state = state;
    this.log.debug(`language server state: ${state}`);
    this.stateEmitter.fire(state);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
