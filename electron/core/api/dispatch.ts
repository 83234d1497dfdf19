/**
 * The one door into the handler table. It names the operation, validates the payload
 * against the contract, runs the handler and turns every failure into a typed error.
 * Nothing a caller sends can crash the process.
 */
import { contract, isOperation, type HandlerTable, type Operation } from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';

export type Dispatch = (operation: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

export function createDispatch(
  table: HandlerTable,
  log: (message: string) => void = (message) => console.error(message),
): Dispatch {
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
      const handler = table[operation] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return failure(toApiError(error, operation, log));
    }
  };
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error: error.toShape() };
}

/** Known file-system failures get their own codes; anything else is logged and reported as internal. */
export function toApiError(
  error: unknown,
  operation: Operation | string,
  log: (message: string) => void,
): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError('disk-full', `the disk is full: ${(error as Error).message}`);
  }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new ApiError('io', `${operation}: ${(error as Error).message}`);
  }
  log(`${operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ApiError('internal', `${operation} failed unexpectedly`);
}
