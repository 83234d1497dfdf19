/** The newsroom's proofing and house-style settings, and its own spelling list. */
import { z } from 'zod';
import type { OperationSpec } from '../api/policy';
import { NewsroomSettings, NewsroomWord } from './house-style';

export const settingsContract = {
  /** the newsroom's proofing and house-style settings (defaults until first saved) */
  getSettings: {
    request: z.object({}).strict(),
    response: NewsroomSettings,
    policy: 'signed-in',
  },
  /** the newsroom's house style and headline limit are the administrators' to set */
  saveSettings: {
    request: z.object({ settings: NewsroomSettings }).strict(),
    response: NewsroomSettings,
    policy: 'admin',
  },
  /** the newsroom's own spelling list: names and transliterations the dictionaries lack */
  listNewsroomWords: {
    request: z.object({}).strict(),
    response: z.array(z.string()),
    policy: 'signed-in',
  },
  addNewsroomWord: {
    request: z.object({ word: NewsroomWord }).strict(),
    response: z.array(z.string()),
    policy: 'signed-in',
  },
} as const satisfies Record<string, OperationSpec>;
