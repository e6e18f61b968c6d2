// What a user does with the mouse and keyboard inside the active editor: point at a piece of
// text, hover it, right-click it, ask for completions or quick fixes. Each helper finds the text
// on screen (revealing it first with Find), acts, and polls for the widget that answers.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { poll } from './poll.js';
import { normalise, type Workbench } from './workbench.js';

interface Point {
  x: number;
  y: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Returns a function that says whether `ms` passed since it last said yes: retried actions
 * (re-opening a menu, re-pointing the mouse) give the UI that long to answer first.
 */
function every(ms: number): () => boolean {
  let last = 0;
  return () => {
    if (Date.now() - last < ms) return false;
    last = Date.now();
    return true;
  };
}

/**
 * The on-screen box of the first rendered occurrence of `text` in the active editor, or
 * undefined when that part of the document is not rendered (Monaco virtualises its lines).
 */
async function findOnScreen(page: Page, text: string): Promise<Box | undefined> {
  const rect = await page.evaluate((wanted) => {
    // Runs in the page. The project compiles without the DOM library, so the few DOM globals
    // used here are reached through an untyped handle.
    const doc = (globalThis as any).document;
    type TextNode = { data: string };
    const root = doc.querySelector(
      '.editor-group-container.active .editor-instance .monaco-editor .view-lines',
    );
    for (const line of Array.from<unknown>(root?.querySelectorAll('.view-line') ?? [])) {
      const nodes: TextNode[] = [];
      const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      while (walker.nextNode()) nodes.push(walker.currentNode as TextNode);
      const full = nodes
        .map((node) => node.data)
        .join('')
        .replace(/\u00a0/g, ' ');
      const at = full.indexOf(wanted);
      if (at < 0) continue;
      // Map the match's start and end offsets back to (text node, offset) pairs.
      const locate = (offset: number): [TextNode, number] => {
        for (const node of nodes) {
          if (offset <= node.data.length) return [node, offset];
          offset -= node.data.length;
        }
        const last = nodes[nodes.length - 1]!;
        return [last, last.data.length];
      };
      const range = doc.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + wanted.length));
      const box = range.getBoundingClientRect();
      return {
        x: box.x as number,
        y: box.y as number,
        width: box.width as number,
        height: box.height as number,
      };
    }
    return undefined;
  }, text);
  return (rect as Box | undefined) ?? undefined;
}

/** Scrolls `text` into view with the Find widget, then returns the centre of its first match. */
export async function locateText(workbench: Workbench, text: string): Promise<Point> {
  const { page } = workbench;
  if (!(await findOnScreen(page, text))) {
    await workbench.activeEditor().locator('.view-lines').click();
    await page.keyboard.press('Control+F');
    await page.locator('.find-widget textarea, .find-widget input').first().fill(text);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  }
  const box = await poll(`"${text}" on screen`, 10_000, () => findOnScreen(page, text));
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Left-clicks inside `text` (placing the caret there and clearing any selection). */
export async function clickText(workbench: Workbench, text: string, offset = 0): Promise<Point> {
  const point = await locateText(workbench, text);
  const at = { x: point.x + offset, y: point.y };
  await workbench.page.mouse.click(at.x, at.y);
  return at;
}

/** Hovers `text` and returns the hover's text once it contains `expect`. */
export async function hoverText(
  workbench: Workbench,
  text: string,
  expect: string,
): Promise<string> {
  const { page } = workbench;
  // A left click first: after a context menu the editor may still think a button is down
  // (the menu swallowed the mouse-up) and then shows no hovers.
  await clickText(workbench, text);
  let nudge = 0;
  const retry = every(1_500);
  return poll(`a hover containing "${expect}" over "${text}"`, 20_000, async () => {
    // Several hover containers may be visible at once (some empty): read them all.
    const shown = normalise(
      (await page.locator('.monaco-hover:visible').allInnerTexts()).join('\n'),
    );
    if (shown.includes(expect)) return shown;
    if (retry()) {
      // Locate the text afresh (a CodeLens arriving late shifts the lines) and re-point the
      // mouse a pixel either way, so the editor asks for a fresh hover.
      const box = await findOnScreen(page, text);
      nudge = nudge === 0 ? 1 : -nudge;
      if (box) await page.mouse.move(box.x + box.width / 2 + nudge, box.y + box.height / 2);
    }
    if (shown) throw new Error(`hover shows "${shown.slice(0, 200)}"`);
    return undefined;
  });
}

const menuItems = (page: Page) => page.locator('.monaco-menu .action-item .action-label');

/** Right-clicks `text` and returns the labels of the context menu that opens. */
export async function contextMenuEntries(workbench: Workbench, text: string): Promise<string[]> {
  const { page } = workbench;
  const point = await clickText(workbench, text);
  const retry = every(3_000);
  return poll(`a context menu over "${text}"`, 15_000, async () => {
    const labels = (await menuItems(page).allInnerTexts()).map((label) => label.trim());
    if (labels.filter(Boolean).length > 0) return labels.filter(Boolean);
    if (retry()) await page.mouse.click(point.x, point.y, { button: 'right' });
    return undefined;
  });
}

/** Right-clicks `text` and picks the context-menu entry labelled `entry`. */
export async function contextMenu(
  workbench: Workbench,
  text: string,
  entry: string,
): Promise<void> {
  const entries = await contextMenuEntries(workbench, text);
  assert.ok(entries.includes(entry), `"${entry}" in the context menu: ${entries.join(' | ')}`);
  await menuItems(workbench.page).filter({ hasText: entry }).first().click();
}

/** Places the caret after `text`, types `typed`, and returns the suggest widget's labels. */
export async function completionsAfter(
  workbench: Workbench,
  text: string,
  typed: string,
  expect: string,
): Promise<string[]> {
  const { page } = workbench;
  const box = await poll(`"${text}" on screen`, 10_000, () => findOnScreen(page, text));
  await page.mouse.click(box.x + box.width + 1, box.y + box.height / 2);
  await page.keyboard.press('End');
  await page.keyboard.type(typed);
  const retry = every(3_000);
  return poll(`a suggestion "${expect}"`, 45_000, async () => {
    const rows = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
    const labels = (await rows.count()) > 0 ? await rows.allInnerTexts() : [];
    if (labels.some((label) => label.includes(expect))) return labels;
    if (retry()) {
      // A list without the entry may come from before the KQL service was ready (words,
      // snippets only): close it and ask again.
      if (labels.length > 0) await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
    }
    return undefined;
  });
}

/** Puts the caret inside `text`, opens the quick-fix menu and applies the entry `title`. */
export async function applyQuickFix(
  workbench: Workbench,
  text: string,
  title: string,
): Promise<void> {
  const { page } = workbench;
  const retry = every(2_500);
  await poll(`quick fix "${title}"`, 45_000, async () => {
    const row = page.locator('.action-widget .monaco-list-row', { hasText: title });
    if ((await row.count()) > 0) {
      await row.first().click();
      return true;
    }
    if (retry()) {
      // Diagnostics may arrive after the first try, and a CodeLens arriving late moves the
      // text down a line: close a stale menu, put the caret on the text again and re-ask.
      if ((await page.locator('.action-widget:visible').count()) > 0) {
        await page.keyboard.press('Escape');
      }
      await clickText(workbench, text);
      await page.keyboard.press('Control+.');
    }
    return undefined;
  });
}
