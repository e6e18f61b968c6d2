/**
 * The exclusion features as a router provider (see server/router.ts): `.kql` hunts get the
 * exclusion quick fixes and diagnostics, markdown reports get scenario diagnostics. Diagnostics
 * are recomputed a moment after typing stops and published under this provider's name, so the
 * router's hub merges them with the Kusto service's and the report's own.
 */
import type { ClientCapabilities, Connection, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Report } from '../../core/report/readReport.js';
import { isKqlDocument } from '../kql/embedded.js';
import type { FeatureProvider } from '../router.js';
import { ExclusionFeatures } from './exclusionFeatures.js';

export interface ExclusionProviderOptions {
  connection: Connection;
  capabilities: ClientCapabilities;
  /** Every open document. */
  documents(): readonly TextDocument[];
  /** The report features' cached reading of a markdown document. */
  reportOf?(document: TextDocument): Report;
  /** Publishes this provider's diagnostics for a document (merged with others' by the hub). */
  publish(uri: string, diagnostics: Diagnostic[], version: number): void;
}

/** Pause after the last keystroke before a document's exclusion diagnostics are recomputed. */
const DIAGNOSTIC_DELAY_MS = 200;

const isMarkdown = (d: TextDocument) =>
  d.languageId === 'markdown' || /\.(md|markdown)$/i.test(d.uri);

export function exclusionProvider(options: ExclusionProviderOptions): FeatureProvider {
  const features = new ExclusionFeatures(options);
  const timers = new Map<string, NodeJS.Timeout>();

  const diagnose = async (uri: string): Promise<void> => {
    timers.delete(uri);
    const document = options.documents().find((d) => d.uri === uri);
    if (!document) return;
    const diagnostics = isMarkdown(document)
      ? await features.reportDiagnostics(document)
      : await features.kqlDiagnostics(document);
    // A newer version arrived meanwhile: its own run publishes.
    if (options.documents().find((d) => d.uri === uri)?.version !== document.version) return;
    options.publish(uri, diagnostics, document.version);
  };
  const schedule = (document: TextDocument, delay = DIAGNOSTIC_DELAY_MS) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => void diagnose(document.uri), delay),
    );
  };
  // A report edit can change what the open hunts may exclude, so they are re-checked too.
  const changed = (document: TextDocument, delay?: number) => {
    schedule(document, delay);
    if (isMarkdown(document)) {
      for (const d of options.documents()) if (isKqlDocument(d)) schedule(d);
    }
  };

  return {
    name: 'exclusions',
    handles: (document) => isMarkdown(document) || isKqlDocument(document),
    didOpen: (document) => changed(document, 0),
    didChange: (document) => changed(document),
    didClose: (document) => {
      clearTimeout(timers.get(document.uri));
      timers.delete(document.uri);
      features.didClose(document);
      options.publish(document.uri, [], document.version);
    },
    didChangeConfiguration: (open) => {
      features.didChangeConfiguration();
      for (const document of open) {
        if (isMarkdown(document) || isKqlDocument(document)) schedule(document, 0);
      }
    },
    codeActions: (document, params) =>
      isKqlDocument(document) ? features.codeActions(document, params) : [],
    dispose: () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
