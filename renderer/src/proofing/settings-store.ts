/**
 * The newsroom's settings and word list as the renderer sees them: loaded once from the store
 * through the API, shared by every editor, and saved back. Until they arrive the defaults apply,
 * so typing is never held up by a slow store.
 */
import { useSyncExternalStore } from 'react';
import { DEFAULT_SETTINGS, type NewsroomSettings } from '../../../shared/text/house-style';
import type { ApiErrorShape } from '../../../shared/api/errors';
import { getApi } from '../api/client';
import { setHouseDigits } from '../i18n';

let current: NewsroomSettings = DEFAULT_SETTINGS;
let loaded: Promise<void> | undefined;
const listeners = new Set<() => void>();

function publish(next: NewsroomSettings): void {
  current = next;
  setHouseDigits(next.houseStyle.digits);
  for (const listener of listeners) listener();
}

/** Starts loading the settings (once); resolves when they are in. */
export function loadSettings(): Promise<void> {
  loaded ??= getApi()
    .getSettings({})
    .then((result) => {
      if (result.ok) publish(result.value);
      else console.error(`Mihbara settings: ${result.error.detail}`);
    });
  return loaded;
}

/** The settings now (defaults until loaded); for code outside React, such as editor plugins. */
export function currentSettings(): NewsroomSettings {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void loadSettings();
  return () => listeners.delete(listener);
}

/** The newsroom settings, re-rendering when they change. */
export function useNewsroomSettings(): NewsroomSettings {
  return useSyncExternalStore(subscribe, currentSettings);
}

/** Saves the settings; on failure the previous ones stay in force and the error is returned. */
export async function saveSettings(next: NewsroomSettings): Promise<ApiErrorShape | null> {
  const result = await getApi().saveSettings({ settings: next });
  if (!result.ok) return result.error;
  publish(result.value);
  return null;
}

/** The newsroom word list, for the spell checker to accept. */
export async function newsroomWords(): Promise<string[]> {
  const result = await getApi().listNewsroomWords({});
  if (result.ok) return result.value;
  console.error(`Mihbara newsroom words: ${result.error.detail}`);
  return [];
}

/** Adds a word to the newsroom's list in the store. */
export async function addNewsroomWord(word: string): Promise<ApiErrorShape | null> {
  const result = await getApi().addNewsroomWord({ word });
  return result.ok ? null : result.error;
}
