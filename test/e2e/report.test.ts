// What an analyst sees in a threat report: the right-click menu, the palette, the CodeLens above
// the IOC table, the IOC hover and the Defang quick fix. One code-server for the whole file; each
// test leaves a screenshot in test-results/e2e/.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  applyQuickFix,
  contextMenu,
  contextMenuEntries,
  hoverText,
} from './harness/editorActions.js';
import { poll } from './harness/poll.js';
import { EditorSession } from './harness/session.js';

const report = 'remcos-threatfox-report.md';
const huntedTables = ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'];
const timeout = 120_000;

describe('a threat report in VS Code', { timeout: 600_000 }, () => {
  let session: EditorSession;
  let failed = false;
  const workbench = () => session.workbench;

  before(async () => {
    session = await EditorSession.start();
  });
  after(async () => {
    await session?.close(failed);
  });
  /** Runs a test body, remembering failure so teardown keeps the logs. */
  const tracked = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (error) {
      failed = true;
      throw error;
    }
  };

  test(
    'the command palette lists the kql-hunt commands',
    { timeout },
    tracked(async () => {
      await workbench().openFile(report);
      const labels = await workbench().paletteEntries('kql-hunt');
      for (const title of [
        'Generate hunt from IOCs',
        'Copy IOCs as KQL dynamic list',
        'Restart language server',
      ]) {
        assert.ok(labels.includes(`kql-hunt: ${title}`), `${title} in ${labels.join(' | ')}`);
      }
    }),
  );

  test(
    'right-clicking a report offers Generate hunt from IOCs',
    { timeout },
    tracked(async () => {
      await workbench().openFile(report);
      const entries = await contextMenuEntries(workbench(), 'IOC Summary');
      await workbench().screenshot('report-context-menu');
      await workbench().page.keyboard.press('Escape');
      assert.ok(entries.includes('Generate hunt from IOCs'), entries.join(' | '));
    }),
  );

  test(
    'hovering an IOC cell shows its confidence, 75%',
    { timeout },
    tracked(async () => {
      await workbench().openFile(report);
      const hover = await hoverText(workbench(), '172[.]245[.]4[.]229:2404', '75%');
      await workbench().screenshot('report-ioc-hover');
      assert.match(hover, /botnet_cc/);
    }),
  );

  test(
    'the language status item names kql-hunt, and start-up errors reach the user at most once',
    { timeout },
    tracked(async () => {
      const { page } = workbench();
      await workbench().openFile(report);
      const status = page.locator('.statusbar-item[id="status.languageStatus"]');
      await poll('the language status item', 20_000, async () =>
        (await status.count()) > 0 ? true : undefined,
      );
      const toasts = page.locator('.notification-toast', { hasText: 'kql-hunt' });
      assert.ok((await toasts.count()) <= 1, 'at most one kql-hunt notification');
      // Toasts cover the status item's hover; clear them so the screenshot shows it.
      await workbench().runCommand('Notifications: Clear All Notifications');
      await status.first().hover();
      const text = await poll('kql-hunt in the language status', 20_000, async () => {
        const hover = page.locator('.monaco-hover:visible, .context-view:visible');
        const shown = (await hover.allInnerTexts()).join('\n');
        return shown.includes('kql-hunt') ? shown : undefined;
      });
      await workbench().screenshot('report-language-status');
      assert.match(text, /kql-hunt/);
    }),
  );

  test(
    'the language status item counts the IOCs of the active report',
    { timeout },
    tracked(async () => {
      const { page } = workbench();
      await workbench().openFile(report);
      await page.locator('.statusbar-item[id="status.languageStatus"]').first().hover();
      await poll('"2 IOCs" in the language status', 20_000, async () => {
        const hover = page.locator('.monaco-hover:visible, .context-view:visible');
        const shown = (await hover.allInnerTexts()).join('\n');
        return shown.includes('2 IOCs') ? true : undefined;
      });
    }),
  );

  test(
    'right-click → Generate hunt from IOCs opens a KQL editor with the three hunts',
    { timeout },
    tracked(async () => {
      await workbench().openFile(report);
      await contextMenu(workbench(), 'IOC Summary', 'Generate hunt from IOCs');
      await poll('a KQL editor', 30_000, async () => {
        const mode = workbench().page.locator('.statusbar-item[id="status.editor.mode"]');
        return (await mode.innerText()).includes('KQL') ? true : undefined;
      });
      for (const table of huntedTables) await workbench().waitForEditorText(table);
      await workbench().waitForEditorText('172.245.4.229');
      await workbench().screenshot('report-generated-hunts');
      await workbench().revertAndCloseActiveEditor();
    }),
  );

  test(
    'a CodeLens above the IOC table generates hunts',
    { timeout },
    tracked(async () => {
      await workbench().openFile(report);
      const lens = workbench().page.locator('.codelens-decoration a', { hasText: /hunt/i });
      await poll('the CodeLens', 30_000, async () => ((await lens.count()) > 0 ? true : undefined));
      await workbench().screenshot('report-codelens');
      await lens.first().click();
      for (const table of huntedTables) await workbench().waitForEditorText(table);
      await workbench().revertAndCloseActiveEditor();
    }),
  );

  test(
    'the Defang quick fix defangs a live IOC',
    { timeout },
    tracked(async () => {
      await workbench().openFile('live-iocs.md');
      await applyQuickFix(workbench(), '172.245.4.229:2404', 'Defang 172.245.4.229:2404');
      await workbench().waitForEditorText('172[.]245[.]4[.]229');
      await workbench().screenshot('report-defang-quick-fix');
      await workbench().revertAndCloseActiveEditor();
    }),
  );
});
