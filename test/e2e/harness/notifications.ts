// Counts notification toasts as the user sees them pop up. The notification centre cannot do it:
// VS Code folds a repeated message into the one already listed, so "shown twice" looks like
// "shown once" there. A toast, though, is a new element each time it pops up, even for a
// repeated message, so a page-side MutationObserver counts every appearance, including toasts
// that have hidden themselves again by the time the test looks.
import type { Page } from 'playwright-core';

export interface Toast {
  message: string;
  /** The labels of its action buttons ("Open Output"). */
  buttons: string[];
}

/** Starts recording; call before whatever may raise the notifications. */
export async function recordToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    // Runs in the page. The project compiles without the DOM library: untyped handle.
    const w = globalThis as any;
    const toasts = new Set<any>();
    const seen = new Map<any, { message: string; buttons: string[] }>();
    w.__kqlHuntToasts = seen;
    const observer = new w.MutationObserver(() => {
      for (const toast of w.document.querySelectorAll('.notification-toast')) toasts.add(toast);
      // What a toast says is kept while it is shown: a closed toast may lose its rows.
      for (const toast of toasts) {
        const message = String(
          toast.querySelector('.notification-list-item-message')?.textContent ?? '',
        );
        if (!message) continue;
        const buttons = Array.from<any>(toast.querySelectorAll('.monaco-button')).map((button) =>
          String(button.textContent ?? '').trim(),
        );
        seen.set(toast, { message, buttons: buttons.filter(Boolean) });
      }
    });
    observer.observe(w.document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Every toast that has popped up since `recordToasts`, in order. */
export async function recordedToasts(page: Page): Promise<Toast[]> {
  return page.evaluate(() => {
    const seen = (globalThis as any).__kqlHuntToasts as Map<unknown, Toast> | undefined;
    return seen ? [...seen.values()] : [];
  });
}
