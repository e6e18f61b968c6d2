// What a hunter sees when the language server crashes: it is killed the way a crash ends it
// (SIGKILL, no shutdown), VS Code keeps working because the client restarts it, and the user
// is told once per session, not once per crash.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hoverText } from './harness/editorActions.js';
import { recordToasts, recordedToasts, type Toast } from './harness/notifications.js';
import { poll } from './harness/poll.js';
import { languageServerProcesses } from './harness/processes.js';
import { EditorSession } from './harness/session.js';

const hunts = 'hunts.kql';
const notice = 'the language server stopped unexpectedly and was restarted';
/** A restart starts node and the Kusto service again: slow on a loaded two-core machine. */
const restartTimeoutMs = 120_000;

describe('a crashed language server in VS Code', { timeout: 600_000 }, () => {
  let session: EditorSession;
  let failed = false;
  const workbench = () => session.workbench;

  before(async () => {
    session = await EditorSession.start();
  });
  after(async () => {
    await session?.close(failed);
  });

  /** The one running server's pid, once exactly one runs and is not `previous`. */
  async function serverPid(previous?: number): Promise<number> {
    const found = await poll('one language server process', restartTimeoutMs, () => {
      const running = languageServerProcesses(session.home);
      return running.length === 1 && running[0]!.pid !== previous ? running[0] : undefined;
    });
    return found.pid;
  }

  /** Hovers a table name until the Kusto quick info comes back: the server answers requests. */
  async function serverAnswers(): Promise<void> {
    // hoverText gives up after 20 s; a restarting server may need longer, so ask again.
    await poll('a hover from the language server', restartTimeoutMs, () =>
      hoverText(workbench(), 'CommonSecurityLog', '(table) CommonSecurityLog'),
    );
  }

  /** The toasts kql-hunt raised since recording started. */
  async function ourToasts(): Promise<Toast[]> {
    const toasts = await recordedToasts(workbench().page);
    return toasts.filter((toast) => toast.message.startsWith('kql-hunt'));
  }

  async function dismissHover(): Promise<void> {
    const { page } = workbench();
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
    await poll('the hover to close', 10_000, async () =>
      (await page.locator('.monaco-hover:visible').count()) === 0 ? true : undefined,
    );
  }

  function crash(pid: number): void {
    process.kill(pid, 'SIGKILL');
  }

  test(
    'after each crash the server is back, and the restart notice pops up once',
    { timeout: 540_000 },
    async () => {
      try {
        await workbench().openFile(hunts);
        await serverAnswers();
        await recordToasts(workbench().page);

        // The hover from before the crash would otherwise still be on screen in the pictures.
        await dismissHover();

        const first = await serverPid();
        crash(first);
        const second = await serverPid(first);
        // The notice comes as soon as the server runs again; it hides itself after a while, so
        // the recorder, not the screen, says whether it came.
        const notices = await poll('the restart notice', restartTimeoutMs, async () => {
          const shown = await ourToasts();
          return shown.length > 0 ? shown : undefined;
        });
        await workbench().screenshot('server-restart-notice');
        assert.match(notices[0]!.message, new RegExp(notice));
        assert.deepEqual(notices[0]!.buttons, ['Open Output']);
        await serverAnswers();
        await workbench().screenshot('server-restart-hover');

        crash(second);
        await serverPid(second);
        // The client announces a restart as soon as the server runs, before it can answer this
        // hover; the answer travels the same ordered channel to the window, so a second notice
        // would have popped up by now.
        await serverAnswers();
        const all = await ourToasts();
        assert.equal(all.length, 1, `kql-hunt toasts:\n${all.map((t) => t.message).join('\n')}`);
      } catch (error) {
        failed = true;
        throw error;
      }
    },
  );
});
