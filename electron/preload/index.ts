/**
 * The renderer's only door to the main process: one narrow function per operation of the
 * contract, checked against `MihbaraApi` with `satisfies`. Raw ipcRenderer never leaves here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MihbaraApi, Operation, RequestOf } from '../../shared/api/contract';

// The channel name is spelled here rather than imported so the sandboxed preload bundles no zod.
const invoke = <K extends Operation>(operation: K) =>
  ((request: RequestOf<K>) => ipcRenderer.invoke(`mihbara:${operation}`, request)) as MihbaraApi[K];

const api = {
  getStoreInfo: invoke('getStoreInfo'),
  listStories: invoke('listStories'),
  getSettings: invoke('getSettings'),
  saveSettings: invoke('saveSettings'),
  listNewsroomWords: invoke('listNewsroomWords'),
  addNewsroomWord: invoke('addNewsroomWord'),
  getStory: invoke('getStory'),
  createStory: invoke('createStory'),
  saveStory: invoke('saveStory'),
  addMedia: invoke('addMedia'),
  readMedia: invoke('readMedia'),
  importDocx: invoke('importDocx'),
} satisfies MihbaraApi;

contextBridge.exposeInMainWorld('mihbara', api);
