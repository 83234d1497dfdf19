/**
 * Registers the whole handler table on IPC through one wrapper: it refuses any sender that
 * is not the app's own page and hands the payload to the dispatcher, which validates it.
 * The shell's own channels (shared/api/shell.ts) go through the same sender check and are
 * parsed with their schemas. Every refusal is logged.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { OPERATIONS, channelOf } from '../../../shared/api/contract';
import { ApiError, type ApiResult } from '../../../shared/api/errors';
import { DraftMessage, FlushedMessage, SHELL_CHANNELS, UiLanguageMessage } from '../../../shared/api/shell';
import type { Dispatch } from '../../core/api/dispatch';

/** Where refusals are reported (the log file in the app). */
export type ShellLog = (message: string) => void;

const warn: ShellLog = (message) => console.warn(message);

/** Registers one sender-checked `invoke` handler per operation of the contract. */
export function registerApi(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: (senderUrl: string | undefined) => boolean,
  log: ShellLog = warn,
): void {
  for (const operation of OPERATIONS) {
    ipcMain.handle(
      channelOf(operation),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
        const senderUrl = event.senderFrame?.url;
        if (!isTrustedSender(senderUrl)) {
          const refusal = new ApiError(
            'untrusted-sender',
            `refused ${operation} from ${senderUrl ?? 'an unknown frame'}`,
          );
          log(refusal.message);
          return { ok: false, error: refusal.toShape() };
        }
        const result = await dispatch(operation, payload);
        if (!result.ok && result.error.code === 'invalid-request') {
          log(`refused ${operation}: ${result.error.detail}`);
        }
        return result;
      },
    );
  }
}

/** What the shell does with the page's messages once they passed the checks. */
export interface ShellMessageHandlers {
  flushed(message: FlushedMessage): void;
  uiLanguage(message: UiLanguageMessage): void;
  draft(message: DraftMessage): void;
}

/** Registers the page → main channels of the shell, each sender-checked and schema-checked. */
export function registerShellChannels(
  ipcMain: Pick<IpcMain, 'on'>,
  isTrustedSender: (senderUrl: string | undefined) => boolean,
  handlers: ShellMessageHandlers,
  log: ShellLog = warn,
): void {
  const listen = <T>(channel: string, schema: z.ZodType<T>, handle: (message: T) => void) => {
    ipcMain.on(channel, (event: IpcMainEvent, payload: unknown) => {
      const senderUrl = event.senderFrame?.url;
      if (!isTrustedSender(senderUrl)) {
        log(`refused ${channel} from ${senderUrl ?? 'an unknown frame'}`);
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        log(`refused ${channel}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
        return;
      }
      handle(parsed.data);
    });
  };
  listen(SHELL_CHANNELS.flushed, FlushedMessage, handlers.flushed);
  listen(SHELL_CHANNELS.uiLanguage, UiLanguageMessage, handlers.uiLanguage);
  listen(SHELL_CHANNELS.draft, DraftMessage, handlers.draft);
}
