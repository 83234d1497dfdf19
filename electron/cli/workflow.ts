/**
 * The workflow's commands of the `mihbara` command line:
 *
 *   user add --store DIR NAME --role editor|desk-chief|admin [--latin NAME] [--desk ID] [--pin PIN]
 *   user list --store DIR [--json]
 *   transition --store DIR ID ACTION --as USER [--note TEXT] [--at TIME]
 *   history --store DIR ID [--json]
 *
 * They call the same workflow service as the app and the bridge, so a refused transition is
 * refused here with the same reason.
 */
import { resolve } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { ApiError } from '../../shared/api/errors';
import {
  ACTIONS,
  ROLES,
  type HistoryEntry,
  type Role,
  type WorkflowAction,
} from '../../shared/workflow/model';
import { transitionAndDeliver } from '../core/publishing';
import { describeDeliveries } from './publishing';
import type { WorkflowCliDeps } from './io';

/** One plain line per history entry: time, who, what. */
export function describeEntry(entry: HistoryEntry): string {
  const what =
    entry.kind === 'transition'
      ? `${entry.action}: ${entry.from} → ${entry.to}`
      : entry.kind === 'lock-taken-over'
        ? `took over the lock from ${String(entry.detail?.fromName ?? entry.detail?.from ?? '')}`
        : entry.kind;
  const extras = Object.entries(entry.detail ?? {})
    .filter(([key]) => key !== 'fromName' && key !== 'from')
    .map(([key, value]) => `${key}=${String(value)}`);
  return [
    entry.at,
    `${entry.actorName} (${entry.actor})`,
    what,
    ...(entry.version !== undefined ? [`v${entry.version}`] : []),
    ...(entry.note ? [`“${entry.note}”`] : []),
    ...extras,
  ].join('  ');
}

export function addWorkflowCommands(
  program: Command,
  { io, storeOption, withWorkstation, fail }: WorkflowCliDeps,
): void {
  const user = program.command('user').description('the newsroom users of a store');

  user
    .command('add')
    .description('add a user (editor, desk chief or administrator)')
    .addOption(storeOption())
    .argument('<name>', 'the name as the newsroom writes it')
    .addOption(new Option('--role <role>', 'the user role').choices(ROLES).makeOptionMandatory())
    .option('--latin <name>', 'the name in Latin letters')
    .option('--initials <letters>', 'initials shown beside the name')
    .option('--desk <id...>', 'desks the user belongs to (politics, economy, sports…)')
    .option('--pin <digits>', 'a PIN of 4 to 8 digits for switching identity')
    .action(
      async (
        name: string,
        options: {
          store: string;
          role: Role;
          latin?: string;
          initials?: string;
          desk?: string[];
          pin?: string;
        },
      ) => {
        const dir = resolve(options.store);
        const added = await withWorkstation(dir, 'write', ({ services }) =>
          services.workflow.service.users.add({
            name,
            role: options.role,
            latinName: options.latin,
            initials: options.initials,
            desks: options.desk,
            pin: options.pin,
          }),
        );
        io.stdout.write(`added ${added.role} ${added.name} as ${added.id}\n`);
      },
    );

  user
    .command('list')
    .description('list the users of a store')
    .addOption(storeOption())
    .option('--json', 'print the users as JSON')
    .action(async (options: { store: string; json?: boolean }) => {
      const dir = resolve(options.store);
      const users = await withWorkstation(dir, 'read', ({ services }) =>
        services.workflow.service.users.list(),
      );
      const shown = users.map(({ pinHash, ...rest }) => ({ ...rest, hasPin: pinHash !== undefined }));
      if (options.json) {
        io.stdout.write(JSON.stringify(shown, null, 2) + '\n');
        return;
      }
      for (const u of shown)
        io.stdout.write(`${u.id}  ${u.role.padEnd(10)} ${u.name}${u.latinName ? ` (${u.latinName})` : ''}\n`);
    });

  program
    .command('transition')
    .description(`move a story through the workflow (${ACTIONS.join(', ')})`)
    .addOption(storeOption())
    .argument('<id>', 'story id')
    // commander checks the choice and names the allowed actions in its usage error
    .addArgument(new Argument('<action>', 'the action').choices(ACTIONS))
    .requiredOption('--as <user>', 'the user acting (id or name)')
    .option('--note <text>', 'the note (required to return, kill or correct)')
    .option('--at <time>', 'the publish time (ISO 8601) to schedule')
    .action(
      async (
        id: string,
        action: WorkflowAction,
        options: { store: string; as: string; note?: string; at?: string },
      ) => {
        const dir = resolve(options.store);
        let at: string | undefined;
        if (options.at !== undefined) {
          const time = Date.parse(options.at);
          if (Number.isNaN(time))
            throw fail(`--at ${options.at} is not a time (use ISO 8601, e.g. 2026-05-04T09:00:00+03:00)`);
          at = new Date(time).toISOString();
        }
        // Publishing is attached as in the app: a publish, correction or withdrawal delivers.
        const { story, deliveries } = await withWorkstation(dir, 'write', async (workstation) => {
          const { store } = workstation.services;
          if (!(await store.has(id)))
            throw fail(`there is no story with id ${id} in the store at ${store.root}`);
          try {
            return await transitionAndDeliver(workstation.services, id, action, options.as, {
              note: options.note,
              at,
            });
          } catch (error) {
            if (
              error instanceof ApiError &&
              (error.code === 'forbidden' || error.code === 'checklist-failed' || error.code === 'io')
            ) {
              throw fail(`${action} refused: ${error.message}`);
            }
            throw error;
          }
        });
        io.stdout.write(
          `${story.id} is now ${story.status} (version ${story.version})${story.publishAt ? `, to be published at ${story.publishAt}` : ''}\n`,
        );
        io.stdout.write(describeDeliveries(deliveries));
      },
    );

  program
    .command('history')
    .description('show who did what to a story, and when')
    .addOption(storeOption())
    .argument('<id>', 'story id')
    .option('--json', 'print the history as JSON lines')
    .action(async (id: string, options: { store: string; json?: boolean }) => {
      const dir = resolve(options.store);
      const history = await withWorkstation(dir, 'read', async ({ services: { store, workflow } }) => {
        if (!(await store.has(id)))
          throw fail(`there is no story with id ${id} in the store at ${store.root}`);
        return workflow.service.readHistory(id);
      });
      if (options.json) {
        io.stdout.write(
          JSON.stringify(
            { entries: history.entries, intact: history.intact, problems: history.problems },
            null,
            2,
          ) + '\n',
        );
      } else {
        if (history.entries.length === 0) io.stdout.write('no workflow history yet\n');
        for (const entry of history.entries) io.stdout.write(`${describeEntry(entry)}\n`);
      }
      if (!history.intact) throw fail(`the history of ${id} was altered: ${history.problems.join('; ')}`);
    });
}
