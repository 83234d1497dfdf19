/**
 * The renderer's only door to the main process: one narrow function per operation of the
 * contract, checked against `MihbaraApi` with `satisfies`. Raw ipcRenderer never leaves here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MihbaraApi, Operation, RequestOf } from '../../shared/api/contract';
import type { MihbaraShell } from '../../shared/api/shell';

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
  getSession: invoke('getSession'),
  switchUser: invoke('switchUser'),
  transitionStory: invoke('transitionStory'),
  setEmbargo: invoke('setEmbargo'),
  getHistory: invoke('getHistory'),
  listCheckpoints: invoke('listCheckpoints'),
  getCheckpoint: invoke('getCheckpoint'),
  getLiveStory: invoke('getLiveStory'),
  lockStory: invoke('lockStory'),
  releaseStory: invoke('releaseStory'),
  takeOverLock: invoke('takeOverLock'),
  listLocks: invoke('listLocks'),
  listComments: invoke('listComments'),
  addComment: invoke('addComment'),
  replyToComment: invoke('replyToComment'),
  setCommentResolved: invoke('setCommentResolved'),
  listPeople: invoke('listPeople'),
  addPerson: invoke('addPerson'),
  updatePerson: invoke('updatePerson'),
  addDesk: invoke('addDesk'),
  updateDesk: invoke('updateDesk'),
  setDeskMembers: invoke('setDeskMembers'),
  markReviewed: invoke('markReviewed'),
  listRevisions: invoke('listRevisions'),
  getRevision: invoke('getRevision'),
  compareRevisions: invoke('compareRevisions'),
  restoreRevision: invoke('restoreRevision'),
  putRecoveryDraft: invoke('putRecoveryDraft'),
  listRecoveryDrafts: invoke('listRecoveryDrafts'),
  restoreRecoveryDraft: invoke('restoreRecoveryDraft'),
  discardRecoveryDraft: invoke('discardRecoveryDraft'),
  searchStories: invoke('searchStories'),
  listSavedSearches: invoke('listSavedSearches'),
  saveSearch: invoke('saveSearch'),
  deleteSavedSearch: invoke('deleteSavedSearch'),
  findSimilarStories: invoke('findSimilarStories'),
  suggestTags: invoke('suggestTags'),
  listTags: invoke('listTags'),
  createTag: invoke('createTag'),
  renameTag: invoke('renameTag'),
  mergeTags: invoke('mergeTags'),
  deleteTag: invoke('deleteTag'),
  undoTagChange: invoke('undoTagChange'),
  suggestEntities: invoke('suggestEntities'),
  addEntity: invoke('addEntity'),
  listEntities: invoke('listEntities'),
  searchMediaTopics: invoke('searchMediaTopics'),
  getMediaTopics: invoke('getMediaTopics'),
  getTeamSettings: invoke('getTeamSettings'),
  saveTeamSettings: invoke('saveTeamSettings'),
  testTeamConnection: invoke('testTeamConnection'),
  getTeamStatus: invoke('getTeamStatus'),
  waitForChanges: invoke('waitForChanges'),
  listChannels: invoke('listChannels'),
  createChannel: invoke('createChannel'),
  updateChannel: invoke('updateChannel'),
  deleteChannel: invoke('deleteChannel'),
  testChannel: invoke('testChannel'),
  listDeliveries: invoke('listDeliveries'),
  retryDelivery: invoke('retryDelivery'),
  listIncoming: invoke('listIncoming'),
  openIncoming: invoke('openIncoming'),
  spikeIncoming: invoke('spikeIncoming'),
  ingestIncomingFile: invoke('ingestIncomingFile'),
  getIncomingWatch: invoke('getIncomingWatch'),
  setIncomingWatch: invoke('setIncomingWatch'),
  checkIncomingWatch: invoke('checkIncomingWatch'),
  getIncomingScan: invoke('getIncomingScan'),
  cancelIncomingScan: invoke('cancelIncomingScan'),
  startJob: invoke('startJob'),
  getJob: invoke('getJob'),
  listJobs: invoke('listJobs'),
  cancelJob: invoke('cancelJob'),
  listMedia: invoke('listMedia'),
} satisfies MihbaraApi;

contextBridge.exposeInMainWorld('mihbara', api);

// The desktop shell's channels (shared/api/shell.ts, spelled here for the same reason as above):
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
