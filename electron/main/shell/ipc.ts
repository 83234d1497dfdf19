/**
 * Registers the whole handler table on IPC through one wrapper: it refuses any sender that
 * is not the app's own page and hands the payload to the dispatcher, which validates it.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OPERATIONS, channelOf } from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import type { Dispatch } from '../api/dispatch';

export function registerApi(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: (senderUrl: string | undefined) => boolean,
): void {
  for (const operation of OPERATIONS) {
    ipcMain.handle(
      channelOf(operation),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
        const senderUrl = event.senderFrame?.url;
        if (!isTrustedSender(senderUrl)) {
          return {
            ok: false,
            error: new ApiError(
              'untrusted-sender',
              `refused ${operation} from ${senderUrl ?? 'an unknown frame'}`,
            ).toShape(),
          };
        }
        return dispatch(operation, payload);
      },
    );
  }
}
