import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/text/house-style';
import { createSettingsService } from '../../../electron/core/settings/settings';
import { openStore } from '../../../electron/core/store/story-store';
import type { FolderStore } from '../../../electron/core/store/types';
import { silentLogger } from '../../../electron/core/log';

let root: string;
let store: FolderStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mihbara-settings-'));
  store = await openStore(root, { mode: 'write', create: true, log: silentLogger });
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('newsroom settings in the store folder', () => {
  it('gives the defaults until saved, then what was saved, from a new service too', async () => {
    const service = createSettingsService(store);
    expect(await service.getSettings()).toEqual(DEFAULT_SETTINGS);
    const next = {
      ...DEFAULT_SETTINGS,
      houseStyle: { digits: 'arab', calendar: 'both', months: 'levantine' },
    } as const;
    await service.saveSettings(next);
    expect(await createSettingsService(store).getSettings()).toEqual(next);
    expect(JSON.parse(await readFile(join(root, 'settings.json'), 'utf8'))).toEqual(next);
  });

  it('reports a damaged settings file instead of replacing it with defaults', async () => {
    await writeFile(join(root, 'settings.json'), '{"houseStyle": ');
    await expect(createSettingsService(store).getSettings()).rejects.toMatchObject({ code: 'store-damaged' });
    await writeFile(join(root, 'settings.json'), '{"headlineLimit": "long"}');
    await expect(createSettingsService(store).getSettings()).rejects.toMatchObject({ code: 'store-damaged' });
  });

  it('keeps the newsroom word list: sorted, without duplicates, concurrent additions all kept', async () => {
    const service = createSettingsService(store);
    await Promise.all(['محمدوف', 'الدبيبة', 'محمدوف', 'Zelensky'].map((word) => service.addWord(word)));
    expect(await createSettingsService(store).listWords()).toEqual(
      ['الدبيبة', 'محمدوف', 'Zelensky'].sort((a, b) => a.localeCompare(b, 'ar')),
    );
  });

  it('refuses phrases and a read-only store', async () => {
    await expect(createSettingsService(store).addWord('two words')).rejects.toThrow();
    await store.close();
    store = await openStore(root, { mode: 'read', log: silentLogger });
    await expect(createSettingsService(store).saveSettings(DEFAULT_SETTINGS)).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});
