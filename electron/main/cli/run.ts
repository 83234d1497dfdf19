/**
 * The `mihbara` command line: store set-up, ninjs import, listing, showing, export and verify.
 * Everything runs in-process through `runCli`, which returns the exit code instead of exiting,
 * so tests drive the real commands; `main.ts` only wires it to `process`.
 *
 * Exit codes: 0 done, 1 failed (the message says why, in plain words), 2 usage error.
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ApiError } from '../../../shared/api/errors';
import { bodyToText } from '../../../shared/format/body-to-html';
import type { Story } from '../../../shared/story/schema';
import { exportStory, importNinjsFiles, type ExportFormat } from '../stories/exchange';
import { createStoryService } from '../stories/service';
import { openStore } from '../store/story-store';
import type { StoryStore } from '../store/types';
import { verifyStore } from '../store/verify';
import { addWorkflowCommands } from '../workflow/cli';

/** Where the command writes; `process.stdout`/`process.stderr` fit, tests pass collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure the command already explained; `runCli` prints it and exits 1. */
class CliFailure extends Error {}

/** Turns any error into one plain-English line; never a stack trace. */
function explain(error: unknown, storeDir: string | undefined): string {
  if (error instanceof CliFailure) return error.message;
  if (error instanceof ApiError) {
    const where = storeDir ? ` at ${storeDir}` : '';
    switch (error.code) {
      case 'store-locked':
        return (
          `the store${where} is in use by another process (the Mihbara app or another command). ` +
          'Close it and try again.'
        );
      case 'store-damaged':
        return `the store${where} is damaged: ${error.message}. Run "verify --store ${storeDir ?? 'DIR'}" to list the damaged files.`;
      case 'disk-full':
        return `the disk is full: ${error.message}`;
      default:
        return error.message;
    }
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Fails with a plain message when the store folder does not exist, before opening anything. */
async function requireStoreFolder(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new CliFailure(`${dir} is a file, not a store folder`);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CliFailure(
        `the store folder ${dir} does not exist (create a store with "init --store ${dir}")`,
      );
    }
    throw error;
  }
}

/** Opens the store, runs `task`, and always closes it (releasing the writer lock). */
async function withStore<T>(
  dir: string,
  mode: 'read' | 'write',
  task: (store: StoryStore) => Promise<T>,
): Promise<T> {
  await requireStoreFolder(dir);
  const store = await openStore(dir, { mode });
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}

async function findStory(store: StoryStore, id: string): Promise<Story> {
  if (!store.has(id)) throw new CliFailure(`there is no story with id ${id} in the store at ${store.root}`);
  return store.get(id);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

function describeStory(story: Story): string {
  const lines = [story.headline || '(no headline)'];
  if (story.subheadline) lines.push(story.subheadline);
  const credit = [story.byline, story.dateline.place].filter(Boolean).join(' — ');
  if (credit) lines.push(credit);
  lines.push(
    '',
    `id: ${story.id}`,
    `version: ${story.version}   status: ${story.status}   language: ${story.language} (${story.direction})`,
    `created: ${story.createdAt}   updated: ${story.updatedAt}`,
  );
  if (story.slugline) lines.push(`slugline: ${story.slugline}`);
  if (story.tags.length) lines.push(`tags: ${story.tags.join('، ')}`);
  lines.push('', bodyToText(story.body), '');
  return lines.join('\n');
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('mihbara')
    .description('Mihbara (محبرة) story store tools')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);

  const storeOption = (): Option => new Option('--store <dir>', 'the store folder').makeOptionMandatory();

  program
    .command('init')
    .description('create an empty store (or check that DIR already is one)')
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      const store = await openStore(dir, { mode: 'write', create: true });
      const count = store.count();
      await store.close();
      io.stdout.write(`store ready at ${dir} (${count} ${count === 1 ? 'story' : 'stories'})\n`);
    });

  program
    .command('import')
    .description('import ninjs 3.1 files as new draft stories')
    .addOption(storeOption())
    .argument('<files...>', 'ninjs JSON files')
    .action(async (files: string[], options: { store: string }) => {
      const dir = resolve(options.store);
      const report = await withStore(dir, 'write', (store) =>
        importNinjsFiles(
          createStoryService(store),
          files.map((file) => resolve(file)),
        ),
      );
      for (const item of report.imported) {
        io.stdout.write(`imported ${item.path} as ${item.story.id}: ${item.story.headline}\n`);
        for (const change of item.changes) {
          io.stdout.write(`  note: ${change.detail}${change.count > 1 ? ` (×${change.count})` : ''}\n`);
        }
      }
      for (const item of report.failed) io.stderr.write(`error: ${item.path}: ${item.reason}\n`);
      const summary = `${report.imported.length} imported, ${report.failed.length} failed`;
      if (report.failed.length > 0) {
        io.stderr.write(`${summary}\n`);
        setExit(EXIT_FAILED);
      } else {
        io.stdout.write(`${summary}\n`);
      }
    });

  program
    .command('list')
    .description('list the stories in the store, newest change first')
    .addOption(storeOption())
    .option('--json', 'print the summaries as JSON')
    .action(async (options: { store: string; json?: boolean }) => {
      const dir = resolve(options.store);
      const summaries = await withStore(dir, 'read', async (store) => store.list());
      if (options.json) {
        io.stdout.write(json(summaries));
        return;
      }
      if (summaries.length === 0) io.stdout.write('the store has no stories\n');
      for (const s of summaries) {
        io.stdout.write(`${s.id}  ${s.status.padEnd(11)} ${s.updatedAt}  ${s.headline}\n`);
      }
    });

  program
    .command('show')
    .description('show one story')
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .option('--json', 'print the story as JSON')
    .action(async (id: string, options: { store: string; json?: boolean }) => {
      const dir = resolve(options.store);
      const story = await withStore(dir, 'read', (store) => findStory(store, id));
      io.stdout.write(options.json ? json(story) : describeStory(story));
    });

  program
    .command('export')
    .description('export one story as ninjs 3.1 JSON or as a standalone HTML page')
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .addOption(
      new Option('--format <format>', 'output format').choices(['ninjs', 'html']).makeOptionMandatory(),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, options: { store: string; format: ExportFormat; out?: string }) => {
      const dir = resolve(options.store);
      const story = await withStore(dir, 'read', (store) => findStory(store, id));
      const output = exportStory(story, options.format);
      if (!options.out) {
        io.stdout.write(output);
        return;
      }
      const out = resolve(options.out);
      try {
        await writeFile(out, output, 'utf8');
      } catch (error) {
        throw new CliFailure(`could not write ${out}: ${(error as Error).message}`);
      }
      io.stdout.write(`exported ${story.id} as ${options.format} to ${out}\n`);
    });

  program
    .command('verify')
    .description('check every file of the store without changing anything')
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      await requireStoreFolder(dir);
      const report = await verifyStore(dir);
      if (report.problems.length === 0) {
        io.stdout.write(
          `store at ${dir} is sound: ${report.storiesChecked} ${report.storiesChecked === 1 ? 'story' : 'stories'} checked, no problems\n`,
        );
        return;
      }
      for (const problem of report.problems) {
        io.stderr.write(`damaged: ${resolve(dir, problem.file)} (${problem.kind}): ${problem.detail}\n`);
      }
      io.stderr.write(
        `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} found in the store at ${dir} ` +
          `(${report.storiesChecked} stories checked)\n`,
      );
      setExit(EXIT_FAILED);
    });

  addWorkflowCommands(program, {
    io,
    storeOption,
    withStore,
    fail: (message) => new CliFailure(message),
  });

  return program;
}

/**
 * Runs one command line (arguments after the program name, e.g. `['list', '--store', dir]`) and
 * resolves to its exit code. Never throws and never exits the process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (next) => {
    code = next;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const storeIndex = argv.indexOf('--store');
    const storeDir = storeIndex >= 0 && argv[storeIndex + 1] ? resolve(argv[storeIndex + 1]!) : undefined;
    io.stderr.write(`error: ${explain(error, storeDir)}\n`);
    return EXIT_FAILED;
  }
}
