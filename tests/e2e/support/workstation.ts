/**
 * Page object for the workstation window, addressed the way a user (and a screen reader) sees
 * it: by role and Arabic accessible name.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BridgeProcess } from './bridge';

export class Workstation {
  constructor(
    readonly page: Page,
    readonly bridge: BridgeProcess,
  ) {}

  /** Opens the bridge's URL (with its token) and waits for the story list. */
  async open(): Promise<void> {
    await this.page.goto(this.bridge.url);
    await expect(this.storyList.getByRole('heading', { name: 'القصص' })).toBeVisible();
  }

  get storyList(): Locator {
    return this.page.getByRole('navigation', { name: 'القصص' });
  }

  get headline(): Locator {
    return this.page.getByLabel('العنوان', { exact: true });
  }

  get subheadline(): Locator {
    return this.page.getByLabel('العنوان الفرعي', { exact: true });
  }

  get byline(): Locator {
    return this.page.getByLabel('الكاتب', { exact: true });
  }

  /** Opens a tab of the story's side panel (details, review, checklist, history). */
  async showTab(name: string): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Opens the side panel's details tab, where slug, desk, dateline, lead image, urgency and note are. */
  async showDetails(name = 'التفاصيل'): Promise<void> {
    await this.showTab(name);
  }

  get datelinePlace(): Locator {
    return this.page.getByLabel('مكان الخبر', { exact: true });
  }

  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'نص القصة' });
  }

  get bodyBlocks(): Locator {
    return this.body.locator(':scope > [data-block]');
  }

  get saveStatus(): Locator {
    return this.page.getByRole('status');
  }

  async newStory(): Promise<void> {
    await this.storyList.getByRole('button', { name: 'قصة جديدة' }).click();
    await expect(this.headline).toBeVisible();
    await expect(this.headline).toBeFocused();
  }

  /** Types the paragraphs into the body editor, pressing Enter between them. */
  async typeBody(paragraphs: readonly string[]): Promise<void> {
    await this.body.click();
    for (const [index, paragraph] of paragraphs.entries()) {
      if (index > 0) await this.page.keyboard.press('Enter');
      await this.page.keyboard.type(paragraph);
    }
  }

  /** Waits until every change is on disk. */
  async waitUntilSaved(): Promise<void> {
    await expect(this.page.locator('.save-status')).toHaveAttribute('data-state', 'saved');
    await expect(this.saveStatus).toHaveText('محفوظ');
  }

  /** Opens a story from the list by its headline. */
  async openFromList(headline: string): Promise<void> {
    await this.storyList.getByRole('button', { name: headline }).click();
    await expect(this.headline).toHaveValue(headline);
  }
}
