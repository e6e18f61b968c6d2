// The browser side: Debian's Chromium, driven by playwright-core, showing one VS Code window.
// Every helper acts, then polls for the DOM result a user would see (a menu entry, a hover, the
// suggest widget) with a bounded timeout; none of them sleeps for a fixed time.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { closedPort, type CodeServer } from './codeServer.js';
import { poll } from './poll.js';
import { repoRoot, type Toolchain } from './toolchain.js';

export const screenshotDir = join(repoRoot, 'test-results/e2e');

export interface WorkbenchOptions {
  folder: string;
  /** The smoke-test driver's `payload` query (extension development and tests paths). */
  payload?: [string, string][];
}

export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(
    toolchain: Toolchain,
    server: CodeServer,
    options: WorkbenchOptions,
  ): Promise<Workbench> {
    const profile = mkdtempSync(join(tmpdir(), 'kql-hunt-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: toolchain.chromium,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--proxy-server=http://127.0.0.1:${closedPort}`,
      ],
    });
    // The clipboard commands need permission in a web workbench.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = context.pages()[0] ?? (await context.newPage());
    // Single actions fail fast; the helpers' polls own the longer, bounded waits.
    page.setDefaultTimeout(5_000);
    const query = new URLSearchParams({ folder: options.folder });
    if (options.payload) query.set('payload', JSON.stringify(options.payload));
    await page.goto(`${server.url}/?${query.toString()}`, { timeout: 30_000 });
    const workbench = new Workbench(context, page);
    await poll('the workbench', 60_000, async () =>
      (await page.locator('.monaco-workbench .part.statusbar').count()) > 0 ? true : undefined,
    );
    return workbench;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }

  async screenshot(name: string): Promise<string> {
    // Let the fade-in of a hover or menu finish, or the picture shows it half transparent.
    // Only finite animations count: the caret blinks for ever.
    await poll('widget animations to finish', 3_000, () =>
      this.page.evaluate(() => {
        const doc = (globalThis as { document?: { getAnimations(): Animation[] } }).document;
        type Animation = { playState: string; effect: { getTiming(): { iterations: number } } };
        const running = (doc?.getAnimations() ?? []).filter(
          (a) => a.playState === 'running' && Number.isFinite(a.effect.getTiming().iterations),
        );
        return running.length === 0 ? true : undefined;
      }),
    ).catch(() => undefined);
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Quick Open (Ctrl+P) a workspace file and wait until its editor tab is active. */
  async openFile(name: string): Promise<void> {
    await this.quickInput('Control+P', name, name);
    await poll(`an active editor tab for ${name}`, 20_000, async () => {
      const tab = this.page.locator('.tabs-container .tab.active', { hasText: name });
      return (await tab.count()) > 0 ? true : undefined;
    });
    await this.page
      .locator('.editor-instance .monaco-editor .view-lines')
      .first()
      .waitFor({ timeout: 20_000 });
  }

  /** Runs a command by its palette label ("kql-hunt: Restart language server"). */
  async runCommand(label: string): Promise<void> {
    await this.quickInput('F1', label, label);
  }

  /** The label of every palette entry matching `filter`, without running any. */
  async paletteEntries(filter: string): Promise<string[]> {
    const input = this.page.locator('.quick-input-widget input.input');
    let opened = 0;
    const labels = await poll(`palette entries for ${filter}`, 15_000, async () => {
      if (!(await input.isVisible())) {
        if (Date.now() - opened > 1_000) {
          opened = Date.now();
          await this.page.keyboard.press('F1');
        }
        return undefined;
      }
      if ((await input.inputValue()) !== `>${filter}`) await input.fill(`>${filter}`);
      const rows = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      return rows.length > 0 ? rows.map((row) => row.split('\n')[0] ?? row) : undefined;
    });
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /**
   * Types into a quick input opened by `key` and picks the first row whose text contains
   * `rowText`, retrying while the list is still filling (commands register late).
   */
  private async quickInput(key: string, text: string, rowText: string): Promise<void> {
    const value = `${key === 'F1' ? '>' : ''}${text}`;
    const input = this.page.locator('.quick-input-widget input.input');
    let opened = 0;
    await poll(`quick input row "${rowText}"`, 30_000, async () => {
      if (!(await input.isVisible())) {
        // Re-press only after a pause: the widget takes a moment to appear.
        if (Date.now() - opened > 1_000) {
          opened = Date.now();
          await this.page.keyboard.press(key);
        }
        return undefined;
      }
      if ((await input.inputValue()) !== value) await input.fill(value);
      const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: rowText });
      if ((await row.count()) === 0) return undefined;
      await row.first().click();
      return true;
    });
  }

  /**
   * Closes the active editor without saving (a generated, untitled hunt or an edited fixture),
   * so the next test starts from the same layout; an emptied side group closes with it.
   */
  async revertAndCloseActiveEditor(): Promise<void> {
    await this.runCommand('View: Revert and Close Editor');
  }

  /** Waits for text to be visible anywhere in the active editor's rendered lines. */
  async waitForEditorText(text: string, timeoutMs = 20_000): Promise<void> {
    await poll(`"${text}" in the active editor`, timeoutMs, async () => {
      const lines = await this.activeEditor().locator('.view-lines').innerText();
      return normalise(lines).includes(text) ? true : undefined;
    });
  }

  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor');
  }
}

/** Monaco renders spaces as NBSP; tests compare against ordinary text. */
export function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}
