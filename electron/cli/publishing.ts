/**
 * The command line's publishing commands: `publish` (through the workflow's permission checks,
 * delivering to the enabled channels), `ingest` (wire files into the Incoming queue) and
 * `incoming list|open|discard` (the queue itself). Export as NewsML-G2 and PDF is part of `export`
 * in cli/run.ts.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ApiError } from '../../shared/api/errors';
import type { CliIo, WorkflowCliDeps } from './io';
import type { Delivery, IncomingItem } from '../../shared/publishing/model';
import type { WireWarning } from '../core/ingest/intake';
import { transitionAndDeliver } from '../core/publishing';

/** One indented line per delivery: channel, status, and why it failed. */
export function describeDeliveries(deliveries: Delivery[]): string {
  return deliveries
    .map((d) => `  ${d.channelName}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}\n`)
    .join('');
}

const WARNINGS: Record<string, string> = {
  'schema-deviation': 'does not follow its schema',
  'time-without-offset': 'a time had no UTC offset and was read as UTC',
  'time-unreadable': 'a time could not be read',
  'headline-from-text': 'no headline: the first words of the text stand in for it',
  'no-text': 'no text: only the headline (and description)',
  'remote-content': 'the text is elsewhere (remote content)',
  'subject-mapped-broader': 'a Subject Code was mapped to the Media Topic of a broader code',
  'subject-unmapped': 'a Subject Code has no Media Topic; kept as a keyword',
  'pictures-referenced': 'pictures referenced (not part of the file)',
  'picture-not-found': 'a referenced picture was not found beside the file and was not brought in',
  'dtd-ignored': 'a DOCTYPE naming an external DTD was ignored (never fetched)',
  'charset-assumed': 'no charset declared; read as UTF-8',
  'part-of-message': 'one of several text items in the file',
  truncated: 'a value was longer than the story field and was cut',
  'type-assumed-text': 'an unusual item type, taken as text',
};

/** One warning in plain English: `warning: … (detail)`. */
export function describeWarning(warning: WireWarning | { code: string; detail?: string }): string {
  return `warning: ${WARNINGS[warning.code] ?? warning.code}${warning.detail ? ` (${warning.detail})` : ''}`;
}

/** The queue's item an argument names: its id, or the start of one when only one item has it. */
function findItem(items: IncomingItem[], wanted: string): IncomingItem | undefined {
  const exact = items.find((item) => item.id === wanted);
  if (exact) return exact;
  const matches = wanted.length >= 4 ? items.filter((item) => item.id.startsWith(wanted)) : [];
  return matches.length === 1 ? matches[0] : undefined;
}

export function addPublishingCommands(
  program: Command,
  { io, storeOption, withWorkstation, fail }: Omit<WorkflowCliDeps, 'io'> & { io: CliIo },
  setExit: (code: number) => void,
): void {
  program
    .command('publish')
    .description('publish an approved story to the enabled channels, as a user of the workflow')
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .addOption(
      new Option('--as <user>', 'the user who publishes (their role must allow it)').makeOptionMandatory(),
    )
    .action(async (id: string, options: { store: string; as: string }) => {
      await withWorkstation(resolve(options.store), 'write', async (workstation) => {
        const { store } = workstation.services;
        if (!(await store.has(id)))
          throw fail(`there is no story with id ${id} in the store at ${store.root}`);
        let outcome;
        try {
          outcome = await transitionAndDeliver(workstation.services, id, 'publish', options.as);
        } catch (error) {
          if (error instanceof ApiError && ['forbidden', 'checklist-failed', 'io'].includes(error.code)) {
            throw fail(`publish refused: ${error.message}`);
          }
          throw error;
        }
        const { story, deliveries } = outcome;
        io.stdout.write(`published ${id} (version ${story.version}, ${story.status})\n`);
        io.stdout.write(describeDeliveries(deliveries));
        if (deliveries.some((d) => d.status === 'failed')) setExit(1);
      });
    });

  program
    .command('ingest')
    .description('bring wire files (ninjs 1.x–3.x, NITF 3.x, NewsML-G2) into the Incoming queue')
    .addOption(storeOption())
    .argument('<files...>', 'wire files')
    .action(async (files: string[], options: { store: string }) => {
      await withWorkstation(resolve(options.store), 'write', async ({ services }) => {
        const { queue } = services.ingest;
        let rejected = 0;
        for (const file of files) {
          const outcome = await queue.ingestFile(resolve(file));
          if (outcome.kind === 'queued') {
            for (const item of [outcome.item, ...(outcome.also ?? [])]) {
              io.stdout.write(`queued ${file}: ${item.headline} (${item.guid}) as ${item.id}\n`);
              for (const warning of item.warnings ?? []) io.stdout.write(`  ${describeWarning(warning)}\n`);
            }
          } else if (outcome.kind === 'duplicate') {
            io.stdout.write(
              `ignored ${file}: already in the queue (${outcome.guid} version ${outcome.version ?? '-'})\n`,
            );
          } else {
            rejected += 1;
            io.stderr.write(`rejected ${file}: [${outcome.code}] ${outcome.reason}\n`);
          }
        }
        io.stdout.write(`${files.length - rejected} taken, ${rejected} rejected\n`);
        if (rejected > 0) setExit(1);
      });
    });

  const incoming = program.command('incoming').description('the Incoming queue of wire copy');
  incoming
    .command('list')
    .description("each item's id, format, headline, provider, time and warnings")
    .addOption(storeOption())
    .option('--json', 'print the items as JSON')
    .option('--all', 'include items already opened or discarded')
    .action(async (options: { store: string; json?: boolean; all?: boolean }) => {
      await withWorkstation(resolve(options.store), 'read', async ({ services }) => {
        const items = (await services.ingest.queue.list()).filter(
          (item) => options.all || item.status === 'new',
        );
        if (options.json) {
          io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
          return;
        }
        for (const item of items) {
          const time = item.createdAt ?? item.receivedAt;
          io.stdout.write(
            `${item.id}  ${item.format.padEnd(6)}  ${time}  ${item.provider ?? '-'}  ${item.headline}` +
              `${item.status === 'new' ? '' : `  [${item.status}${item.storyId ? ` as ${item.storyId}` : ''}]`}\n`,
          );
          for (const warning of item.warnings ?? []) io.stdout.write(`    ${describeWarning(warning)}\n`);
        }
        io.stdout.write(`${items.length} ${items.length === 1 ? 'item' : 'items'}\n`);
      });
    });

  /** Runs `task` on the queue's item that `wanted` names, in the store at `storeDir`; fails plainly when there is none. */
  const withIncomingItem = (
    storeDir: string,
    wanted: string,
    operation: 'openIncoming' | 'spikeIncoming',
    said: (item: IncomingItem, result: unknown) => string,
  ) =>
    withWorkstation(resolve(storeDir), 'write', async ({ dispatch, services: { store, ingest } }) => {
      const item = findItem(await ingest.queue.list(), wanted);
      if (!item) throw fail(`there is no incoming item ${wanted} in the store at ${store.root}`);
      // Through the same operation as the app: its policy, and the story's first author and desk.
      const result = await dispatch(operation, { id: item.id });
      if (!result.ok) throw fail(result.error.detail ?? result.error.code);
      io.stdout.write(said(item, result.value));
    });

  incoming
    .command('open')
    .description("make an item a draft story and print the story's id")
    .addOption(storeOption())
    .argument('<item>', 'the item id (or its first characters)')
    .action(async (wanted: string, options: { store: string }) => {
      await withIncomingItem(
        options.store,
        wanted,
        'openIncoming',
        (_item, story) => `${(story as { id: string }).id}\n`,
      );
    });

  incoming
    .command('discard')
    .description('discard (spike) an item; it stays listed with --all')
    .addOption(storeOption())
    .argument('<item>', 'the item id (or its first characters)')
    .action(async (wanted: string, options: { store: string }) => {
      await withIncomingItem(
        options.store,
        wanted,
        'spikeIncoming',
        (item) => `discarded ${item.id}: ${item.headline}\n`,
      );
    });
}
