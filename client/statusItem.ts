// The language status item: the server's state for `kql` and markdown editors, and for a report,
// how many IOCs the server found in it. It is where a user looks when nothing seems to happen,
// so a failed server shows here as an error with a way to the output.
import * as vscode from 'vscode';
import type { KqlServiceStatusParams } from './serverApi.js';
import type { ServerSession, ServerState } from './serverSession.js';

const stateText: Record<ServerState, string> = {
  starting: 'kql-hunt: starting',
  running: 'kql-hunt',
  stopped: 'kql-hunt: stopped',
  failed: 'kql-hunt: failed',
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  /** IOC counts by document URI, as last reported by the server. */
  private readonly iocCounts = new Map<string, number>();
  /** The KQL analysis worker's last reported state; it matters for `kql` documents only. */
  private kqlService: KqlServiceStatusParams | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: ServerSession) {
    this.item = vscode.languages.createLanguageStatusItem('kqlHunt.status', [
      { language: 'kql' },
      { language: 'markdown' },
    ]);
    this.item.name = 'kql-hunt';
    this.disposables.push(
      session.onDidChangeState(() => this.render()),
      session.onReportSummary(({ uri, iocCount }) => {
        this.iocCounts.set(uri, iocCount);
        this.render();
      }),
      session.onKqlServiceStatus((params) => {
        this.kqlService = params;
        this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.iocCounts.delete(doc.uri.toString())),
    );
    this.render();
  }

  dispose(): void {
    this.item.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private render(): void {
    const state = this.session.state;
    this.item.busy = state === 'starting';
    this.item.severity =
      state === 'failed'
        ? vscode.LanguageStatusSeverity.Error
        : vscode.LanguageStatusSeverity.Information;
    this.item.text = stateText[state];
    this.item.detail = undefined;
    this.item.command =
      state === 'failed' || state === 'stopped'
        ? { title: 'Restart', command: 'kqlHunt.restartServer' }
        : { title: 'Show Output', command: 'kqlHunt.showOutput' };

    const document = vscode.window.activeTextEditor?.document;
    if (state !== 'running') return;
    if (document?.languageId === 'kql') {
      this.renderKqlService();
      return;
    }
    if (document?.languageId !== 'markdown') return;
    const count = this.iocCounts.get(document.uri.toString());
    if (count === undefined) return;
    this.item.text = `kql-hunt: ${count} IOC${count === 1 ? '' : 's'}`;
    this.item.detail = 'in this report';
  }

  private renderKqlService(): void {
    const service = this.kqlService;
    if (!service) return;
    const platform = service.platform === 'defender' ? 'Defender XDR' : 'Sentinel';
    this.item.busy = service.state === 'starting';
    this.item.text =
      service.state === 'failed' ? 'kql-hunt: KQL checks failed' : `kql-hunt: ${platform}`;
    this.item.detail =
      service.message ?? (service.state === 'starting' ? 'loading schemas' : undefined);
    this.item.severity =
      service.state === 'failed'
        ? vscode.LanguageStatusSeverity.Error
        : service.message
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }
}
