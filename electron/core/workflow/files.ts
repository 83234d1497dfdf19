/**
 * Where the workflow keeps its data inside a store folder: `workflow/` (users, desks, comments,
 * checkpoints), `history/<id>.ndjson` (append-only) and `published/<id>.json` (what is live).
 * Every write is durable before it resolves. A memory variant serves tests and stores that have
 * no folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { errorCode, parseJsonBytes, syncFolder, writeFileDurably } from '../store/durable-file';
import { assertMayWrite } from '../store/writer-gate';
import type { SharedStorage, StoryStore } from '../store/types';

export interface WorkflowFiles {
  readonly writable: boolean;
  /**
   * true when other workstations change these files too (team mode): readers must not keep a
   * copy across calls, or a change made elsewhere (a user deactivated) would never be seen
   */
  readonly shared?: boolean;
  /** parsed JSON, or null when the file does not exist; a damaged file is a `store-damaged` error */
  readJson(relative: string): Promise<unknown>;
  writeJson(relative: string, value: unknown): Promise<void>;
  /** appends one line and fsyncs it; earlier lines are never rewritten */
  appendLine(relative: string, line: string): Promise<void>;
  readText(relative: string): Promise<string | null>;
  /** names inside a folder (empty when it does not exist) */
  list(relative: string): Promise<string[]>;
  remove(relative: string): Promise<void>;
}

function readOnly(relative: string): never {
  throw new ApiError('store-locked', `the store is open read-only; ${relative} cannot be written`);
}

/** Workflow files inside the store folder `root`. */
export function diskFiles(root: string, writable: boolean): WorkflowFiles {
  const path = (relative: string) => join(root, relative);
  const created = new Set<string>();
  const ensureFolder = async (folder: string) => {
    if (created.has(folder)) return;
    await mkdir(folder, { recursive: true });
    created.add(folder);
  };
  return {
    writable,
    async readJson(relative) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path(relative));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null;
        throw error;
      }
      const parsed = parseJsonBytes(bytes);
      if (!parsed.ok)
        throw new ApiError('store-damaged', `${relative} is damaged (${parsed.kind}): ${parsed.detail}`);
      return parsed.value;
    },
    async writeJson(relative, value) {
      if (!writable) readOnly(relative);
      await ensureFolder(dirname(path(relative)));
      await writeFileDurably(path(relative), JSON.stringify(value, null, 2) + '\n');
    },
    async appendLine(relative, line) {
      if (!writable) readOnly(relative);
      const file = path(relative);
      await assertMayWrite(file);
      await ensureFolder(dirname(file));
      const handle = await open(file, 'a');
      try {
        await handle.write(line.endsWith('\n') ? line : `${line}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // A new file's name is durable only once its folder is synced.
      await syncFolder(dirname(file));
    },
    async readText(relative) {
      try {
        return await readFile(path(relative), 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null;
        throw error;
      }
    },
    async list(relative) {
      try {
        return await readdir(path(relative));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return [];
        throw error;
      }
    },
    async remove(relative) {
      if (!writable) readOnly(relative);
      await assertMayWrite(path(relative));
      try {
        await unlink(path(relative));
        await syncFolder(dirname(path(relative)));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    },
  };
}

/** Workflow files in memory (tests, and stores without a folder). */
export function memoryFiles(): WorkflowFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    writable: true,
    readJson: async (relative) => {
      const text = files.get(relative);
      return text === undefined ? null : (JSON.parse(text) as unknown);
    },
    writeJson: async (relative, value) => void files.set(relative, JSON.stringify(value)),
    appendLine: async (relative, line) =>
      void files.set(relative, (files.get(relative) ?? '') + (line.endsWith('\n') ? line : `${line}\n`)),
    readText: async (relative) => files.get(relative) ?? null,
    list: async (relative) =>
      [...files.keys()]
        .filter((key) => key.startsWith(`${relative}/`))
        .map((key) => key.slice(relative.length + 1).split('/')[0]!),
    remove: async (relative) => void files.delete(relative),
  };
}

/**
 * A workstation's `WorkflowFiles` with the paths the shared storage keeps sent there, the rest
 * left to `local`. Listing folders stays local: no shared path is a folder that is listed.
 */
export function sharedFiles(shared: SharedStorage, local: WorkflowFiles): WorkflowFiles {
  return {
    writable: local.writable,
    async readJson(relative) {
      if (!shared.keeps(relative)) return local.readJson(relative);
      const text = await shared.read(relative);
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new ApiError('store-damaged', `${relative} on the server is not JSON: ${String(error)}`);
      }
    },
    async writeJson(relative, value) {
      if (!shared.keeps(relative)) return local.writeJson(relative, value);
      await shared.write(relative, JSON.stringify(value, null, 2) + '\n');
    },
    async appendLine(relative, line) {
      if (!shared.keeps(relative)) return local.appendLine(relative, line);
      await shared.append(relative, line);
    },
    readText: (relative) => (shared.keeps(relative) ? shared.read(relative) : local.readText(relative)),
    list: (relative) => local.list(relative),
    remove: (relative) => (shared.keeps(relative) ? shared.remove(relative) : local.remove(relative)),
  };
}

/**
 * The files of a store: its folder (or memory, for a store without one), with the newsroom's
 * shared documents wherever the store's backend keeps them (team mode: the server).
 */
export function filesOf(store: StoryStore): WorkflowFiles {
  const local =
    isAbsolute(store.root) && existsSync(store.root)
      ? diskFiles(store.root, store.mode === 'write')
      : memoryFiles();
  return store.shared ? sharedFiles(store.shared, local) : local;
}
