/**
 * The renderer's only door to the main process: one narrow function per operation of the
 * contract, checked against `MihbaraApi` with `satisfies`. Raw ipcRenderer never leaves here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  channelOf,
  OPERATIONS,
  type MihbaraApi,
  type Operation,
  type RequestOf,
} from '../../shared/api/contract';
import type { MihbaraShell } from '../../shared/api/shell';

const invoke = <K extends Operation>(operation: K) =>
  ((request: RequestOf<K>) => ipcRenderer.invoke(channelOf(operation), request)) as MihbaraApi[K];

/** One function per operation of the contract, derived from its names: a new operation needs no edit here. */
function apiOf<K extends Operation>(names: readonly K[]): { [P in K]: MihbaraApi[P] } {
  return Object.fromEntries(names.map((name) => [name, invoke(name)])) as { [P in K]: MihbaraApi[P] };
}

const api = apiOf(OPERATIONS) satisfies MihbaraApi;

contextBridge.exposeInMainWorld('mihbara', api);

// The desktop shell's channels (shared/api/shell.ts, spelled here so the preload needs nothing of the shell):
// menu commands and flush requests in, answers out. Listeners get the payload, never the event.
const listen = (channel: string) => (listener: (payload: unknown) => void) => {
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
};
const shell = {
  onMenuCommand: listen('mihbara-shell:menu'),
  onFlushRequest: listen('mihbara-shell:flush'),
  flushed: (message) => ipcRenderer.send('mihbara-shell:flushed', message),
  setUiLanguage: (message) => ipcRenderer.send('mihbara-shell:ui-language', message),
  keepDraft: (message) => ipcRenderer.send('mihbara-shell:draft', message),
} satisfies MihbaraShell;

contextBridge.exposeInMainWorld('mihbaraShell', shell);
