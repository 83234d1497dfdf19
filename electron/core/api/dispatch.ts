/**
 * The one door into the handler table. It names the operation, validates the payload
 * against the contract, checks the operation's policy, runs the handler and turns every
 * failure into a typed error. Nothing a caller sends can crash the process.
 */
import {
  contract,
  isOperation,
  OPERATIONS,
  type HandlerTable,
  type Operation,
} from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import { policyFor, type Policy } from '../../../shared/api/policy';
import { unexpectedError } from '../errors';
import { consoleLogger, type Logger } from '../log';

export type Dispatch = (operation: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

export interface DispatchOptions {
  log?: Logger;
  /** decides the operation's policy before its handler runs; throws a `forbidden` ApiError to refuse */
  authorize?: (policy: Policy, operation: Operation, request: unknown) => Promise<void>;
}

export function createDispatch(table: HandlerTable, options: DispatchOptions = {}): Dispatch {
  const log = options.log ?? consoleLogger;
  // A table that misses an operation is a wiring mistake: refuse it at start, not at the first call.
  const missing = OPERATIONS.filter((operation) => typeof table[operation] !== 'function');
  if (missing.length > 0) throw new Error(`the handler table has no handler for ${missing.join(', ')}`);
  return async (operation, payload) => {
    if (!isOperation(operation)) {
      return failure(
        new ApiError('unknown-operation', `no operation named ${String(operation).slice(0, 80)}`),
      );
    }
    const parsed = contract[operation].request.safeParse(payload ?? {});
    if (!parsed.success) {
      return failure(
        new ApiError(
          'invalid-request',
          `the request for ${operation} is not valid`,
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        ),
      );
    }
    try {
      await options.authorize?.(policyFor(contract[operation], parsed.data), operation, parsed.data);
      const handler = table[operation] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return failure(unexpectedError(error, operation, log));
    }
  };
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error: error.toShape() };
}
