/** The settings operations of the handler table (shared/text/contract.ts). */
import type { HandlerTable } from '../../../shared/api/contract';
import type { settingsContract } from '../../../shared/text/contract';
import type { SettingsService } from './settings';

export function settingsHandlers(
  settings: SettingsService,
): Pick<HandlerTable, keyof typeof settingsContract> {
  return {
    getSettings: () => settings.getSettings(),
    saveSettings: ({ settings: next }) => settings.saveSettings(next),
    listNewsroomWords: () => settings.listWords(),
    addNewsroomWord: ({ word }) => settings.addWord(word),
  };
}
