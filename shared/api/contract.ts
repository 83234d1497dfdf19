/**
 * The API between the renderer and the main process: one map from each operation to the
 * schemas of its request and response and the policy of who may call it. Each feature owns its
 * part (shared/<feature>/contract.ts); this file only merges them. The Electron preload, the
 * browser bridge and the main-side handler table are all typed from this map, and the
 * dispatcher validates every payload and checks every policy against it.
 */
import type { z } from 'zod';
import type { ApiResult } from './errors';
import { policyFor, roleAllows, type OperationSpec } from './policy';
import { storyContract } from '../story/contract';
import { settingsContract } from '../text/contract';
import { mediaContract } from '../media/contract';
import { workflowContract } from '../workflow/contract';
import { searchContract } from '../search/contract';
import { teamContract } from '../team/contract';
import { publishingContract } from '../publishing/contract';
import { jobsContract } from '../jobs/contract';

export const contract = {
  ...storyContract,
  ...settingsContract,
  ...mediaContract,
  ...workflowContract,
  ...searchContract,
  ...teamContract,
  ...publishingContract,
  ...jobsContract,
} as const satisfies Record<string, OperationSpec>;

export type Contract = typeof contract;
export type Operation = keyof Contract;
export const OPERATIONS = Object.keys(contract) as Operation[];

export type RequestOf<K extends Operation> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends Operation> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends Operation> = z.output<Contract[K]['response']>;

/** What the renderer sees: one async function per operation, never raw transport. */
export type MihbaraApi = {
  [K in Operation]: (request: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
};

/** What the main side implements: one handler per operation, receiving a validated request. */
export type HandlerTable = {
  [K in Operation]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

export function isOperation(name: unknown): name is Operation {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel of an operation. */
export const channelOf = (operation: Operation): string => `mihbara:${operation}`;

/**
 * Whether a user of `role` may call `operation` (with `request`, when the policy depends on it):
 * what the interface asks before it offers a control, from the same policy the dispatcher checks.
 */
export function roleMayCall(
  operation: Operation,
  role: 'editor' | 'desk-chief' | 'admin',
  request?: unknown,
): boolean {
  const spec = contract[operation] as OperationSpec;
  return roleAllows(request === undefined ? spec.policy : policyFor(spec, request), role);
}
