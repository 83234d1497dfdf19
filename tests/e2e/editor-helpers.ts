/**
 * Helpers for the editor's end-to-end tests: the API through the bridge (to read the saved
 * story, the editor's value as the store received it), caret coordinates, synthetic paste and
 * drop events, and images made in the page.
 */
import { expect, type Page } from '@playwright/test';
import type { Story, StoryBody } from '../../shared/story/schema';

/** Calls one API operation through the bridge with the page's own token. */
export async function api<T>(page: Page, operation: string, request: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([op, body]) => {
      const token = sessionStorage.getItem('mihbara.bridgeToken');
      const response = await fetch(`/api/${op}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return response.json();
    },
    [operation, request] as const,
  );
  if (!result.ok) throw new Error(`${operation} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Waits for the autosave, then reads the open story back from the store. */
export async function savedStory(page: Page): Promise<Story> {
  await expect(page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
  const id = await page.evaluate(() => sessionStorage.getItem('mihbara.lastStory'));
  return api<Story>(page, 'getStory', { id });
}

export async function savedBody(page: Page): Promise<StoryBody> {
  return (await savedStory(page)).body;
}

/** The x coordinate of the collapsed caret in the page. */
export async function caretX(page: Page): Promise<number> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) throw new Error('no selection');
    const range = selection.getRangeAt(0);
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return rect.x;
  });
}

/** The DOM caret: the text it sits in and its offset there. */
export async function caretOffset(page: Page): Promise<{ text: string; offset: number }> {
  return page.evaluate(() => {
    const selection = window.getSelection()!;
    return { text: selection.anchorNode?.textContent ?? '', offset: selection.anchorOffset };
  });
}

/** Dispatches a synthetic `paste` event on the editing area, as Slate's own tests do. */
export async function paste(page: Page, data: { html?: string; text?: string }): Promise<void> {
  await page.getByRole('textbox', { name: /نص القصة|Story body/ }).evaluate((editable, content) => {
    const transfer = new DataTransfer();
    if (content.html !== undefined) transfer.setData('text/html', content.html);
    if (content.text !== undefined) transfer.setData('text/plain', content.text);
    editable.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, data);
}

/** Dispatches paste or drop of files (bytes given as base64) on the editing area. */
export async function transferFiles(
  page: Page,
  kind: 'paste' | 'drop',
  files: { name: string; type: string; base64: string }[],
): Promise<void> {
  await page.getByRole('textbox', { name: /نص القصة|Story body/ }).evaluate(
    (editable, { kind, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (kind === 'paste') {
        editable.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
        return;
      }
      const target = editable.querySelector('[data-slate-node="element"]') ?? editable;
      const box = target.getBoundingClientRect();
      const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, ...at }),
        );
      }
    },
    { kind, files },
  );
}

/** A real PNG drawn in the page (a coloured card with a label), as base64. */
export async function makePng(page: Page, label: string, colour = '#1a4f8b'): Promise<string> {
  return page.evaluate(
    ([text, fill]) => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 200;
      const context = canvas.getContext('2d')!;
      context.fillStyle = fill;
      context.fillRect(0, 0, 480, 200);
      context.fillStyle = '#ffffff';
      context.font = '32px sans-serif';
      context.fillText(text, 40, 110);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    [label, colour] as const,
  );
}
