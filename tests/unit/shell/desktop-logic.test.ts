import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent } from 'electron';
import { createCloseGuard, FlushRequests } from '../../../electron/main/shell/close-guard';
import {
  exportFormatOf,
  exportStoryTo,
  importStoryFiles,
  storyFilesInArgv,
} from '../../../electron/main/shell/files';
import { registerShellChannels } from '../../../electron/main/shell/ipc';
import { DraftRelay, moveLegacyDrafts } from '../../../electron/main/shell/recovery';
import { placementFor, ShellStateFile } from '../../../electron/main/shell/shell-state';
import { exportStory } from '../../../electron/core/stories/exchange';
import { openStore } from '../../../electron/core/store/story-store';
import { createStoryService } from '../../../electron/core/stories/service';
import { SHELL_CHANNELS } from '../../../shared/api/shell';
import { memoryStore } from '../helpers/memory-store';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `mihbara-${name}-`));
afterEach(() => void vi.useRealTimers());

describe('window placement', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  const second = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('opens at the default size, centred, the first time', () => {
    expect(placementFor(undefined, [screen])).toEqual({ width: 1280, height: 860, maximized: false });
  });

  it('comes back where it was, on the second screen too', () => {
    const bounds = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(placementFor({ bounds, maximized: true }, [screen, second])).toEqual({
      ...bounds,
      maximized: true,
    });
  });

  it('is centred on the main screen when its screen is gone, keeping a size that fits', () => {
    const bounds = { x: 2000, y: 100, width: 1250, height: 1200 };
    expect(placementFor({ bounds, maximized: false }, [screen])).toEqual({
      width: 1250,
      height: 1040,
      maximized: false,
    });
  });

  it('is pulled back inside when it hangs over an edge, and never smaller than the minimum', () => {
    expect(
      placementFor({ bounds: { x: 1700, y: -10, width: 400, height: 300 }, maximized: false }, [screen]),
    ).toEqual({
      x: 1020,
      y: 0,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('remembers placement and language in a small durable file; a damaged file means defaults', async () => {
    const dir = temp('state');
    const file = join(dir, 'shell-state.json');
    const state = new ShellStateFile(file);
    expect(await state.load()).toEqual({});
    state.update({
      uiLanguage: 'en',
      window: { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false },
    });
    await state.flush();
    const again = new ShellStateFile(file);
    expect(again.loadSync()).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(again.uiLanguage).toBe('en');
    writeFileSync(file, '{"window":{"bounds":{"x":"left"}}');
    const log: string[] = [];
    const damaged = new ShellStateFile(file, (line) => log.push(line));
    expect(damaged.loadSync()).toEqual({});
    expect(damaged.uiLanguage).toBe('ar');
    writeFileSync(file, '\0\0\0');
    expect(await damaged.load()).toEqual({});
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('closing the window waits for the page to save', () => {
  it('pairs answers with requests and gives up after the timeout', async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const requests = new FlushRequests((request) => void sent.push(request.requestId), 5_000);
    const first = requests.request();
    const second = requests.request();
    expect(requests.answer({ requestId: 99, saved: true, storyId: null })).toBe(false);
    expect(requests.answer({ requestId: sent[1]!, saved: true, storyId: 'story-0001' })).toBe(true);
    await expect(second).resolves.toEqual({ saved: true, storyId: 'story-0001', timedOut: false });
    vi.advanceTimersByTime(5_000);
    await expect(first).resolves.toEqual({ saved: false, storyId: null, timedOut: true });
    expect(requests.answer({ requestId: sent[0]!, saved: true, storyId: null })).toBe(false);
  });

  it('holds the close until the page has saved, then lets it through', async () => {
    let answer!: (saved: boolean) => void;
    const close = vi.fn();
    const confirmUnsaved = vi.fn();
    const guard = createCloseGuard({
      flush: () =>
        new Promise((resolve) => (answer = (saved) => resolve({ saved, storyId: null, timedOut: false }))),
      confirmUnsaved,
      close,
    });
    const event = { preventDefault: vi.fn() };
    guard.onClose(event);
    guard.onClose(event); // a second click while saving does not ask twice
    expect(event.preventDefault).toHaveBeenCalledTimes(2);
    expect(close).not.toHaveBeenCalled();
    answer(true);
    await guard.settled();
    expect(close).toHaveBeenCalledOnce();
    expect(confirmUnsaved).not.toHaveBeenCalled();
    const final = { preventDefault: vi.fn() };
    guard.onClose(final);
    expect(final.preventDefault).not.toHaveBeenCalled();
  });

  it('asks before closing without a save, and stays open when the user says so', async () => {
    const close = vi.fn();
    let choice = false;
    const guard = createCloseGuard({
      flush: async () => ({ saved: false, storyId: null, timedOut: true }),
      confirmUnsaved: async () => choice,
      close,
    });
    guard.onClose({ preventDefault() {} });
    await guard.settled();
    expect(close).not.toHaveBeenCalled();
    choice = true;
    guard.onClose({ preventDefault() {} });
    await guard.settled();
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('shell channels', () => {
  function fakeIpc() {
    const listeners = new Map<string, (event: IpcMainEvent, payload: unknown) => void>();
    return {
      listeners,
      on: (channel: string, listener: (event: IpcMainEvent, payload: unknown) => void) =>
        listeners.set(channel, listener),
    };
  }
  const from = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainEvent;

  it('passes checked messages from the app page and refuses and logs the rest', () => {
    const ipc = fakeIpc();
    const log: string[] = [];
    const received: unknown[] = [];
    const record = (message: unknown) => void received.push(message);
    registerShellChannels(
      ipc as never,
      (url) => url?.startsWith('app://mihbara/') ?? false,
      { flushed: record, uiLanguage: record, draft: record },
      (line) => log.push(line),
    );
    expect([...ipc.listeners.keys()].sort()).toEqual(
      [SHELL_CHANNELS.draft, SHELL_CHANNELS.flushed, SHELL_CHANNELS.uiLanguage].sort(),
    );
    const send = (channel: string, url: string, payload: unknown) =>
      ipc.listeners.get(channel)!(from(url), payload);
    send(SHELL_CHANNELS.uiLanguage, 'app://mihbara/index.html', { language: 'en' });
    send(SHELL_CHANNELS.uiLanguage, 'https://evil.example/', { language: 'en' });
    send(SHELL_CHANNELS.uiLanguage, 'app://mihbara/index.html', { language: 'fr' });
    send(SHELL_CHANNELS.flushed, 'app://mihbara/index.html', {
      requestId: 1,
      saved: true,
      storyId: null,
      extra: 1,
    });
    send(SHELL_CHANNELS.draft, 'app://mihbara/index.html', {
      storyId: 'story-0001',
      baseVersion: 2,
      edit: { headline: 'عنوان' },
    });
    send(SHELL_CHANNELS.draft, 'app://mihbara/index.html', { storyId: '../../etc', saved: true });
    expect(received).toEqual([
      { language: 'en' },
      { storyId: 'story-0001', baseVersion: 2, edit: { headline: 'عنوان' } },
    ]);
    expect(log).toHaveLength(4);
    expect(log[0]).toMatch(/refused mihbara-shell:ui-language from https:\/\/evil\.example/);
  });
});

describe("recovery: the page's drafts go into the store's journal", () => {
  async function setUp() {
    const store = await openStore(temp('store'), { mode: 'write', create: true });
    return { store, stories: createStoryService(store) };
  }

  it('relays the latest draft per story, in order, and the store offers it once', async () => {
    const { store, stories } = await setUp();
    const a = await stories.create('ar');
    const b = await stories.create('ar');
    const relay = new DraftRelay(() => store);
    void relay.keep({ storyId: a.id, baseVersion: a.version, edit: { headline: 'أ' } });
    void relay.keep({ storyId: a.id, baseVersion: a.version, edit: { headline: 'أب' } });
    void relay.keep({ storyId: b.id, baseVersion: b.version, edit: { headline: 'ج' } });
    await relay.settled();
    const offers = await store.listRecoveryDrafts();
    expect(offers.map((offer) => [offer.id, offer.headline]).sort()).toEqual(
      [
        [a.id, 'أب'],
        [b.id, 'ج'],
      ].sort(),
    );
    // Saving the text settles the draft: it is no longer offered.
    await stories.save(a.id, a.version, { headline: 'أب' });
    expect((await store.listRecoveryDrafts()).map((offer) => offer.id)).toEqual([b.id]);
    await store.close();
  });

  it('logs, and does not throw, when no store is open', async () => {
    const lines: string[] = [];
    const relay = new DraftRelay(
      () => undefined,
      (line) => lines.push(line),
    );
    await relay.keep({ storyId: 'story-0001', baseVersion: 1, edit: { headline: 'نص' } });
    expect(lines.join('\n')).toMatch(/no store is open.*story-0001/);
  });

  it('moves drafts kept by earlier versions into the store, leaving unreadable files in place', async () => {
    const { store, stories } = await setUp();
    const story = await stories.create('ar');
    const legacy = join(temp('legacy'), 'recovery');
    mkdirSync(legacy);
    const kept = {
      storyId: story.id,
      baseVersion: story.version,
      edit: { headline: 'نص لم يُحفظ' },
      keptAt: 'x',
    };
    writeFileSync(join(legacy, `${story.id}.json`), JSON.stringify(kept));
    writeFileSync(join(legacy, 'story-0003.json'), 'not json');
    const lines: string[] = [];
    expect(await moveLegacyDrafts(legacy, store, (line) => lines.push(line))).toBe(1);
    expect(existsSync(join(legacy, `${story.id}.json`))).toBe(false);
    expect(existsSync(join(legacy, 'story-0003.json'))).toBe(true);
    expect(lines.join('\n')).toMatch(/story-0003\.json/);
    const offers = await store.listRecoveryDrafts();
    expect(offers.map((offer) => [offer.id, offer.headline])).toEqual([[story.id, 'نص لم يُحفظ']]);
    expect(await moveLegacyDrafts(join(legacy, 'missing'), store)).toBe(0);
    await store.close();
  });
});

describe('files opened with the app, exports and backups', () => {
  it('finds .ninjs.json and .docx files in a command line, resolved against its folder', () => {
    expect(
      storyFilesInArgv(
        ['C:\\Mihbara\\Mihbara.exe', '--store=x', 'قصة.ninjs.json', '/abs/b.DOCX', 'notes.txt', '.'],
        '/home/desk',
      ),
    ).toEqual(['/home/desk/قصة.ninjs.json', '/abs/b.DOCX']);
  });

  it('imports ninjs itself and hands Word documents to the importDocx operation', async () => {
    const dir = temp('import');
    // A ninjs file as the app itself exports it.
    const source = createStoryService(memoryStore());
    const original = await source.create('ar');
    const saved = await source.save(original.id, original.version, { headline: 'قمة الرياض' });
    const ninjsPath = join(dir, 'summit.ninjs.json');
    writeFileSync(ninjsPath, exportStory(saved, 'ninjs'));
    const docxPath = join(dir, 'report.docx');
    writeFileSync(docxPath, Buffer.from('PK\x03\x04 fake'));
    const store = memoryStore();
    const stories = createStoryService(store);
    const calls: unknown[][] = [];
    const dispatch = async (operation: unknown, payload: unknown) => {
      calls.push([operation, payload]);
      return {
        ok: false as const,
        error: { code: 'unsupported-file' as const, detail: 'not a Word document' },
      };
    };
    const outcome = await importStoryFiles(
      [ninjsPath, docxPath, join(dir, 'missing.ninjs.json')],
      stories,
      dispatch,
    );
    expect(outcome.imported.map((story) => story.headline)).toEqual(['قمة الرياض']);
    expect(await store.count()).toBe(1);
    expect(calls).toEqual([
      ['importDocx', { name: 'report.docx', dataBase64: Buffer.from('PK\x03\x04 fake').toString('base64') }],
    ]);
    expect(outcome.failed.map((failure) => failure.path)).toEqual([
      join(dir, 'missing.ninjs.json'),
      docxPath,
    ]);
    expect(outcome.failed[1]!.reason).toMatch(/unsupported-file/);
  });

  it('exports as HTML or ninjs by the chosen name', async () => {
    const dir = temp('export');
    const stories = createStoryService(memoryStore());
    const story = await stories.create('ar');
    await stories.save(story.id, story.version, { headline: 'قمة الرياض' });
    expect(exportFormatOf('a.HTML')).toBe('html');
    expect(exportFormatOf('a.ninjs.json')).toBe('ninjs');
    await exportStoryTo(stories, story.id, join(dir, 's.html'));
    await exportStoryTo(stories, story.id, join(dir, 's.ninjs.json'));
    expect(readFileSync(join(dir, 's.html'), 'utf8')).toMatch(/<html[^>]*dir="rtl"[\s\S]*قمة الرياض/);
    expect(JSON.parse(readFileSync(join(dir, 's.ninjs.json'), 'utf8'))).toMatchObject({
      headlines: [expect.objectContaining({ value: 'قمة الرياض' })],
    });
  });
});
