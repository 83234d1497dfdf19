/**
 * A story as a print-ready PDF inside the app: the story page (with its print stylesheet) is
 * loaded into a hidden, sandboxed window with JavaScript off and printed by Electron's
 * `printToPDF`. The command line and the tests print the same page with Chromium.
 */
import { BrowserWindow } from 'electron';
import { storyToPage } from '../../../shared/format/story-page';
import type { Story } from '../../../shared/story/schema';

/** Prints `story` to PDF bytes. */
export async function printStoryToPdf(story: Story): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(storyToPage(story))}`);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
  } finally {
    window.destroy();
  }
}
