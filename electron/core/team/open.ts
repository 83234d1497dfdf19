/**
 * Opens team mode for one workstation: the server's story store, and the workflow on the same
 * server (its repositories and locks), wired so lock changes from other workstations reach the
 * lock table. What the bridge, the Electron main process and the tests call.
 */
import { diskFiles } from '../workflow/files';
import { createWorkflow, type Workflow } from '../workflow';
import type { WorkflowOptions } from '../workflow/service';
import type { TeamConnection } from './connection';
import { openTeamStore, type TeamStore, type TeamStoreOptions } from './pg-store';
import { pgLockTable, pgWorkflowFiles } from './pg-workflow';
import { bestEffort, consoleLogger } from '../log';

export interface Team {
  store: TeamStore;
  workflow: Workflow;
  /** waits until lock changes sent to the server have been answered (tests, shutdown) */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function openTeam(
  connection: TeamConnection,
  options: TeamStoreOptions & Pick<WorkflowOptions, 'now' | 'lockIdleMs' | 'log'>,
): Promise<Team> {
  const log = options.log ?? consoleLogger;
  const store = await openTeamStore(connection, { ...options, log });
  const locks = pgLockTable(store.pool, store.status().online ? await store.locks() : [], {
    now: options.now,
    idleMs: options.lockIdleMs,
    log,
  });
  store.events.on('lock', ({ storyId, lock }) => locks.apply(storyId, lock));
  const files = pgWorkflowFiles(store.pool, diskFiles(options.localRoot, true));
  const workflow = createWorkflow(store, { ...options, log, files, locks });
  return {
    store,
    workflow,
    settled: () => locks.settled(),
    async close() {
      await locks
        .settled()
        .catch(bestEffort(log, '[team] lock changes still under way failed while closing'));
      await store.close();
    },
  };
}
