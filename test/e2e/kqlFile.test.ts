// What a hunter sees in a `.kql` file: the language is recognised, table names complete, and an
// IOC string literal shows what the workspace's reports say about it.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { completionsAfter, hoverText } from './harness/editorActions.js';
import { poll } from './harness/poll.js';
import { EditorSession } from './harness/session.js';

const hunts = 'hunts.kql';
const timeout = 120_000;

describe('a .kql hunt file in VS Code', { timeout: 600_000 }, () => {
  let session: EditorSession;
  let failed = false;
  const workbench = () => session.workbench;

  before(async () => {
    session = await EditorSession.start();
  });
  after(async () => {
    await session?.close(failed);
  });
  const tracked = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (error) {
      failed = true;
      throw error;
    }
  };

  test(
    'a .kql file opens in the KQL language mode',
    { timeout },
    tracked(async () => {
      await workbench().openFile(hunts);
      const mode = workbench().page.locator('.statusbar-item[id="status.editor.mode"]');
      const text = await poll('the KQL language mode', 20_000, async () => {
        const shown = await mode.innerText();
        return shown.includes('KQL') ? shown : undefined;
      });
      await workbench().screenshot('kql-file');
      assert.match(text, /KQL/);
    }),
  );

  test(
    'table names complete in a .kql file',
    { timeout },
    tracked(async () => {
      await workbench().openFile(hunts);
      const labels = await completionsAfter(
        workbench(),
        'DestinationPort',
        '\n\nDeviceNet',
        'DeviceNetworkEvents',
      );
      await workbench().screenshot('kql-table-completion');
      assert.ok(labels.some((label) => label.includes('DeviceNetworkEvents')));
      await workbench().page.keyboard.press('Escape');
      await workbench().revertAndCloseActiveEditor();
    }),
  );

  test(
    'an IOC string literal shows the hover drawn from the workspace reports',
    { timeout },
    tracked(async () => {
      await workbench().openFile(hunts);
      const hover = await hoverText(workbench(), '172.245.4.229', '75%');
      await workbench().screenshot('kql-ioc-hover');
      assert.match(hover, /remcos/i);
    }),
  );
});
