/**
 * The command line's publishing commands: `publish` (through the workflow's permission checks,
 * delivering to the enabled channels) and `ingest` (wire files into the Incoming queue). Export
 * as NewsML-G2 and PDF is part of `export` in cli/run.ts.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ApiError } from '../../shared/api/errors';
import { createIncomingQueue } from '../core/ingest/queue';
import { createStoryService } from '../core/stories/service';
import type { StoryStore } from '../core/store/types';
import type { CliIo, WorkflowCliDeps } from './io';
import { diskFiles } from '../core/workflow/files';
import type { Delivery } from '../../shared/publishing/model';
import { transitionAndDeliver } from '../core/publishing';

/** One indented line per delivery: channel, status, and why it failed. */
export function describeDeliveries(deliveries: Delivery[]): string {
  return deliveries
    .map((d) => `  ${d.channelName}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}\n`)
    .join('');
}

export function addPublishingCommands(
  program: Command,
  { io, storeOption, withStore, fail }: Omit<WorkflowCliDeps, 'io'> & { io: CliIo },
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
      await withStore(resolve(options.store), 'write', async (store: StoryStore) => {
        if (!store.has(id)) throw fail(`there is no story with id ${id} in the store at ${store.root}`);
        let outcome;
        try {
          outcome = await transitionAndDeliver(store, id, 'publish', options.as);
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
    .description('bring wire files (ninjs 1.x–3.x, NewsML-G2) into the Incoming queue')
    .addOption(storeOption())
    .argument('<files...>', 'wire files')
    .action(async (files: string[], options: { store: string }) => {
      await withStore(resolve(options.store), 'write', async (store: StoryStore) => {
        const queue = createIncomingQueue({
          root: store.root,
          files: diskFiles(store.root, true),
          stories: createStoryService(store),
        });
        let rejected = 0;
        for (const file of files) {
          const outcome = await queue.ingestFile(resolve(file));
          if (outcome.kind === 'queued') {
            io.stdout.write(`queued ${file}: ${outcome.item.headline} (${outcome.item.guid})\n`);
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
}
