/**
 * The `mihbara` command line: store set-up, ninjs import, listing, showing, export and verify.
 * Everything runs in-process through `runCli`, which returns the exit code instead of exiting,
 * so tests drive the real commands; `main.ts` only wires it to `process`.
 *
 * Exit codes: 0 done, 1 failed (the message says why, in plain words), 2 usage error.
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ApiError } from '../../shared/api/errors';
import { bodyToText } from '../../shared/format/body-to-html';
import { StoryStatus, type Story, type StorySummary } from '../../shared/story/schema';
import { exportStory, importStoryFiles, type ExportFormat } from '../core/stories/exchange';
import { createMediaStore } from '../core/store/media';
import { createStoryService } from '../core/stories/service';
import { STORE_FORMAT_VERSION } from '../core/store/journal';
import { openStore } from '../core/store/story-store';
import { eachSummary } from '../core/store/list';
import { createBackup, restoreBackup, rotateBackup, writeBackupSettings } from '../core/store/backup';
import { restoreRevision } from '../core/store/history';
import { pendingMigration } from '../core/store/migrate';
import {
  CRASH_TRACES,
  type FolderStore,
  type Progress,
  type StoryStore,
  type VerifyReport,
} from '../core/store/types';
import { runStoreTask } from '../core/store/worker-client';
import { silentLogger } from '../core/log';
import { argumentPlaces } from '../core/places';
import { openWorkstation, type Workstation } from '../core/workstation';
import { addWorkflowCommands } from './workflow';
import { addTeamCommands } from './team';
import { addPublishingCommands } from './publishing';
import { addStoryCommands } from './story';
import { printHtmlToPdf } from '../core/publishing/pdf';
import { storyToNewsml } from '../../shared/format/newsml';
import type { SearchResponse } from '../../shared/search/api';
import { formatResults, request as searchRequest, searchServer } from './search';
import { describeWarning } from './publishing';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo };

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
      case 'invalid-request':
        return error.message;
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
  task: (store: FolderStore) => Promise<T>,
  onProgress?: (progress: Progress) => void,
): Promise<T> {
  await requireStoreFolder(dir);
  const store = await openStore(dir, { mode, onProgress });
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}

/** Opens the local store as a workstation (no background work), runs `task`, and always closes it. */
async function withWorkstation<T>(
  dir: string,
  mode: 'read' | 'write',
  task: (workstation: Workstation) => Promise<T>,
): Promise<T> {
  await requireStoreFolder(dir);
  // The command line's paths are its own arguments: any place it names is its user's choice.
  const workstation = await openWorkstation({
    root: dir,
    access: mode,
    backend: 'local',
    places: argumentPlaces,
    log: silentLogger,
  });
  try {
    return await task(workstation);
  } finally {
    await workstation.close();
  }
}

async function findStory(store: StoryStore, id: string): Promise<Story> {
  if (!(await store.has(id)))
    throw new CliFailure(`there is no story with id ${id} in the store at ${store.root}`);
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

/**
 * Prints progress to stderr: a line per step of about a tenth, so logs stay short, and none for
 * small jobs that finish before anyone could read it.
 */
function progressPrinter(io: CliIo): (progress: Progress) => void {
  const last = new Map<string, number>();
  return ({ phase, done, total }) => {
    if (total < 1000) return;
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 0;
    if (last.get(phase) === tenth && done !== total) return;
    last.set(phase, tenth);
    io.stderr.write(`  ${phase}: ${done.toLocaleString('en')}/${total.toLocaleString('en')}\n`);
  };
}

function printProblems(io: CliIo, dir: string, report: VerifyReport): void {
  for (const problem of report.problems) {
    // The traces of a crash are named for what they are: not damage, cleared by the next open.
    const label = CRASH_TRACES.has(problem.kind) ? 'crash leftover' : 'damaged';
    io.stderr.write(`${label}: ${resolve(dir, problem.file)} (${problem.kind}): ${problem.detail}\n`);
  }
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
      const count = await store.count();
      await store.close();
      io.stdout.write(`store ready at ${dir} (${count} ${count === 1 ? 'story' : 'stories'})\n`);
    });

  program
    .command('import')
    .description('import ninjs (1.x–3.x), NITF or NewsML-G2 files as new draft stories')
    .addOption(storeOption())
    .argument('<files...>', 'ninjs JSON, NITF or NewsML-G2 XML files')
    .action(async (files: string[], options: { store: string }) => {
      const dir = resolve(options.store);
      const report = await withStore(dir, 'write', (store) =>
        importStoryFiles(
          createStoryService(store),
          files.map((file) => resolve(file)),
          { media: createMediaStore(store.root) },
        ),
      );
      for (const item of report.imported) {
        io.stdout.write(`imported ${item.path} as ${item.story.id}: ${item.story.headline}\n`);
        for (const change of item.changes) {
          io.stdout.write(`  note: ${change.detail}${change.count > 1 ? ` (×${change.count})` : ''}\n`);
        }
        for (const warning of item.warnings) io.stdout.write(`  ${describeWarning(warning)}\n`);
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
      const summaries = await withStore(dir, 'read', async (store) => {
        const all: StorySummary[] = [];
        for await (const summary of eachSummary(store)) all.push(summary);
        return all;
      });
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
    .command('search')
    .description(
      'search the stories (headline, sub-headline, byline, body, tags, entities) of a store, or on the newsroom server with --url',
    )
    .addOption(new Option('--store <dir>', 'the store folder'))
    .addOption(
      new Option('--url <url>', 'search the newsroom server: postgres://user@host:port/db').conflicts(
        'store',
      ),
    )
    .argument('<query...>', 'words to find; spelling variants (احمد/أحمد), prefixes (وبغداد) and stems match')
    .option('--desk <desk>', 'only stories of this desk')
    .option('--status <status>', 'only stories in this state (draft, submitted, published…)')
    .option('--json', 'print the results as JSON')
    .option('--sort <order>', 'relevance or date', 'relevance')
    .action(
      async (
        query: string[],
        options: {
          store?: string;
          url?: string;
          json?: boolean;
          sort: string;
          desk?: string;
          status?: string;
        },
      ) => {
        if (options.sort !== 'relevance' && options.sort !== 'date') {
          throw new CliFailure(`--sort must be relevance or date, not ${options.sort}`);
        }
        if (!options.store && !options.url) throw new CliFailure('give --store DIR or --url URL');
        const parsed = StoryStatus.safeParse(options.status);
        if (options.status !== undefined && !parsed.success) {
          throw new CliFailure(
            `--status must be one of ${StoryStatus.options.join(', ')}, not ${options.status}`,
          );
        }
        const search = {
          sort: options.sort,
          filters: {
            ...(options.desk ? { desk: options.desk } : {}),
            ...(parsed.success ? { status: parsed.data } : {}),
          },
        } as const;
        const text = query.join(' ');
        const result = options.url
          ? await searchServer(options.url, text, search)
          : await withWorkstation(resolve(options.store!), 'read', async ({ dispatch }) => {
              // Through the app's own operation: the desk by its id or either of its names.
              const answer = await dispatch('searchStories', searchRequest(text, search));
              if (!answer.ok) throw new CliFailure(answer.error.detail ?? answer.error.code);
              return answer.value as SearchResponse;
            });
        io.stdout.write(options.json ? json(result) : formatResults(result));
      },
    );

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
    .description('export one story as ninjs 3.1, NewsML-G2 2.35, a standalone HTML page or a PDF')
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['ninjs', 'html', 'newsml', 'pdf'])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      async (
        id: string,
        options: { store: string; format: ExportFormat | 'newsml' | 'pdf'; out?: string },
      ) => {
        const dir = resolve(options.store);
        const story = await withStore(dir, 'read', (store) => findStory(store, id));
        if (options.format === 'pdf') {
          // A PDF is binary: it always goes to a file, printed by Chromium with the page's print styles.
          if (!options.out) throw new CliFailure('a PDF export needs --out FILE');
          const out = resolve(options.out);
          await printHtmlToPdf(exportStory(story, 'html'), out);
          io.stdout.write(`exported ${story.id} as pdf to ${out}\n`);
          return;
        }
        const output =
          options.format === 'newsml' ? storyToNewsml(story) : exportStory(story, options.format);
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
      },
    );

  program
    .command('verify')
    .description('check every file, index entry and revision chain without changing anything')
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      await requireStoreFolder(dir);
      const report = await runStoreTask<VerifyReport>(
        { kind: 'verify', root: dir },
        { signal: io.signal, onProgress: progressPrinter(io) },
      );
      if (report.problems.length === 0) {
        io.stdout.write(
          `store at ${dir} is sound: ${report.storiesChecked} ${report.storiesChecked === 1 ? 'story' : 'stories'} checked, no problems\n`,
        );
        return;
      }
      printProblems(io, dir, report);
      io.stderr.write(
        `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} found in the store at ${dir} ` +
          `(${report.storiesChecked} stories checked); "repair --store ${dir}" fixes what can be rebuilt\n`,
      );
      setExit(EXIT_FAILED);
    });

  program
    .command('repair')
    .description('rebuild what can be derived (index, stories from revisions); quarantine damaged files')
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      const progress = progressPrinter(io);
      const { repaired, remaining } = await withStore(
        dir,
        'write',
        async (store) => {
          const repaired = await store.repair({ signal: io.signal, onProgress: progress });
          return { repaired, remaining: await runStoreTask<VerifyReport>({ kind: 'verify', root: dir }) };
        },
        progress,
      );
      io.stdout.write(
        `repaired the store at ${dir}: ${repaired.stories} stories indexed, ${repaired.quarantined} files quarantined ` +
          `(see ${resolve(dir, 'quarantine')}), ${repaired.rebuiltFromRevisions} stories rebuilt from revisions, ` +
          `${repaired.snapshotsAdded} revision chains restarted, ${repaired.orphanRevisionsRemoved} unfinished revisions removed\n`,
      );
      if (remaining.problems.length > 0) {
        printProblems(io, dir, remaining);
        io.stderr.write(`${remaining.problems.length} problems remain\n`);
        setExit(EXIT_FAILED);
      }
    });

  program
    .command('rebuild-index')
    .alias('reindex')
    .description('rebuild the story index from the story files (a worker thread reads them)')
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      const progress = progressPrinter(io);
      const result = await withStore(
        dir,
        'write',
        (store) => store.rebuildIndex({ signal: io.signal, onProgress: progress }),
        progress,
      );
      io.stdout.write(
        `rebuilt the index of ${dir}: ${result.stories} stories` +
          (result.quarantined ? `, ${result.quarantined} damaged files quarantined\n` : '\n'),
      );
    });

  program
    .command('migrate')
    .description("upgrade an older store to this version's format (opening it for writing does the same)")
    .addOption(storeOption())
    .action(async (options: { store: string }) => {
      const dir = resolve(options.store);
      await requireStoreFolder(dir);
      // Take the lock without migrating, then migrate here so the command can report it.
      const store = await openStore(dir, { mode: 'write', noMigrate: true }).catch(async (error: unknown) => {
        if (error instanceof ApiError && error.code === 'invalid-request' && (await pendingMigration(dir))) {
          return null;
        }
        throw error;
      });
      if (store) {
        await store.close();
        io.stdout.write(`the store at ${dir} is already up to date\n`);
        return;
      }
      const progress = progressPrinter(io);
      const upgraded = await openStore(dir, { mode: 'write', onProgress: progress });
      await upgraded.close();
      io.stdout.write(`upgraded the store at ${dir} to format ${STORE_FORMAT_VERSION}\n`);
    });

  program
    .command('backup')
    .description('write one archive of a consistent snapshot of the store (works while the app runs)')
    .addOption(storeOption())
    .option('--out <file>', 'the archive to write (.tar.gz)')
    .option('--auto', 'an automatic backup: into the configured folder, keeping the newest --keep')
    .option('--keep <n>', 'set how many automatic backups to keep', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--keep needs a whole number ≥ 1');
      return n;
    })
    .action(async (options: { store: string; out?: string; auto?: boolean; keep?: number }) => {
      const dir = resolve(options.store);
      await requireStoreFolder(dir);
      const progress = progressPrinter(io);
      if (options.auto || options.keep !== undefined) {
        if (options.out) throw new CliFailure('--out and --auto do not go together');
        const result = await withStore(dir, 'write', async (store) => {
          if (options.keep !== undefined) await writeBackupSettings(dir, { keep: options.keep });
          return options.auto ? rotateBackup(store, { signal: io.signal, onProgress: progress }) : null;
        });
        if (options.keep !== undefined)
          io.stdout.write(`automatic backups of ${dir}: keeping ${options.keep}\n`);
        if (result) {
          io.stdout.write(`backed up ${dir} to ${result.file}\n`);
          for (const old of result.removed) io.stdout.write(`  removed old backup ${old}\n`);
        }
        return;
      }
      if (!options.out) throw new CliFailure('say where to write the backup with --out FILE (or use --auto)');
      const out = resolve(options.out);
      const manifest = await createBackup(dir, out, { signal: io.signal, onProgress: progress });
      io.stdout.write(
        `backed up ${manifest.stories} stories (${manifest.files} files) from ${dir} to ${out}\n`,
      );
    });

  program
    .command('restore')
    .description('restore a backup archive into an empty folder')
    .requiredOption('--from <file>', 'the backup archive')
    .addOption(new Option('--store <dir>', 'the empty folder to restore into').makeOptionMandatory())
    .action(async (options: { from: string; store: string }) => {
      const dir = resolve(options.store);
      const { manifest, report } = await restoreBackup(resolve(options.from), dir, {
        signal: io.signal,
        onProgress: progressPrinter(io),
      });
      io.stdout.write(`restored ${manifest.stories} stories from ${resolve(options.from)} into ${dir}\n`);
      if (report.problems.length > 0) {
        printProblems(io, dir, report);
        setExit(EXIT_FAILED);
      }
    });

  program
    .command('revisions')
    .description("list a story's revisions, or show, compare or restore one")
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .option('--show <version>', 'print that version of the story', Number)
    .option('--compare <versions>', 'compare two versions, e.g. 3..7')
    .option('--restore <version>', 'make that version the next one (a new revision)', Number)
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        options: { store: string; show?: number; compare?: string; restore?: number; json?: boolean },
      ) => {
        const dir = resolve(options.store);
        const mode = options.restore !== undefined ? 'write' : 'read';
        await withStore(dir, mode, async (store) => {
          await findStory(store, id);
          if (options.restore !== undefined) {
            const story = await restoreRevision(store, id, options.restore);
            io.stdout.write(`restored revision ${options.restore} of ${id} as version ${story.version}\n`);
          } else if (options.show !== undefined) {
            const story = await store.getRevision(id, options.show);
            io.stdout.write(options.json ? json(story) : describeStory(story));
          } else if (options.compare) {
            const match = /^(\d+)\.\.(\d+)$/.exec(options.compare);
            if (!match) throw new CliFailure('--compare takes two versions as FROM..TO, e.g. 3..7');
            const comparison = await store.compareRevisions(id, Number(match[1]), Number(match[2]));
            if (options.json) io.stdout.write(json(comparison));
            else {
              for (const field of comparison.fields) {
                io.stdout.write(
                  `${field.field}: ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}\n`,
                );
              }
              io.stdout.write(
                comparison.body
                  .map((part) =>
                    part.added ? `{+${part.value}+}` : part.removed ? `[-${part.value}-]` : part.value,
                  )
                  .join('') + '\n',
              );
            }
          } else {
            const revisions = await store.listRevisions(id);
            if (options.json) io.stdout.write(json(revisions));
            for (const revision of options.json ? [] : revisions) {
              const what = revision.change.created
                ? 'created'
                : [
                    revision.change.fields.join(', ') || 'no change',
                    revision.restoredFrom ? `restored from ${revision.restoredFrom}` : '',
                  ]
                    .filter(Boolean)
                    .join('; ');
              io.stdout.write(
                `${String(revision.version).padStart(4)}  ${revision.at}  ${revision.actor}  ${what}\n`,
              );
            }
          }
        });
      },
    );

  addWorkflowCommands(program, {
    io,
    storeOption,
    withStore,
    withWorkstation,
    fail: (message) => new CliFailure(message),
  });
  addTeamCommands(program, { io, fail: (message) => new CliFailure(message) });
  addStoryCommands(program, { io, storeOption, withWorkstation, fail: (message) => new CliFailure(message) });
  addPublishingCommands(
    program,
    { io, storeOption, withStore, withWorkstation, fail: (message) => new CliFailure(message) },
    setExit,
  );

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
