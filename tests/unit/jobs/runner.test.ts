/** The job runner on its own: outcomes kept for a while, failure codes, a cancel of a job that stops. */
import { describe, expect, it } from 'vitest';
import { createJobRunner } from '../../../electron/core/jobs/runner';
import { ApiError } from '../../../shared/api/errors';
import { silentLogger } from '../../../electron/core/log';

describe('job runner', () => {
  it('keeps a finished job’s outcome for a while, then forgets it', async () => {
    let clock = Date.parse('2026-05-01T08:00:00Z');
    const runner = createJobRunner({ now: () => new Date(clock), keepFinishedMs: 60_000 });
    const job = runner.start('verify', async (control) => {
      control.progress({ phase: 'verify', done: 3, total: 3 });
      control.count('stories', 3);
    });
    expect(await runner.settled(job.id)).toMatchObject({
      state: 'ok',
      counts: { stories: 3 },
      finishedAt: '2026-05-01T08:00:00.000Z',
    });
    clock += 59_000;
    expect(runner.list().map((listed) => listed.id)).toEqual([job.id]);
    clock += 2_000;
    expect(runner.list()).toEqual([]);
    expect(() => runner.get(job.id)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('reports a failure by its error code and hands out copies, not its own state', async () => {
    const runner = createJobRunner({ log: silentLogger });
    const job = runner.start('backup', async () => {
      throw new ApiError('disk-full', 'the disk is full');
    });
    const ended = await runner.settled(job.id);
    expect(ended).toMatchObject({ state: 'failed', reason: 'disk-full', detail: 'the disk is full' });
    ended.counts['stories'] = 99;
    expect(runner.get(job.id).counts).toEqual({});
    // An unexpected error is reported as internal, not with its raw message.
    const odd = runner.start('backup', async () => {
      throw new TypeError('x is undefined');
    });
    expect(await runner.settled(odd.id)).toMatchObject({ state: 'failed', reason: 'internal' });
  });

  it('cancels through the signal, refuses a second job of the kind until then, and closes', async () => {
    const runner = createJobRunner();
    const job = runner.start('export', (control) => {
      return new Promise<void>((_, reject) =>
        control.signal.addEventListener('abort', () => reject(control.signal.reason)),
      );
    });
    expect(() => runner.start('export', async () => undefined)).toThrow(
      expect.objectContaining({ code: 'job-running' }),
    );
    const other = runner.start('import', (control) => {
      return new Promise<void>((_, reject) =>
        control.signal.addEventListener('abort', () => reject(control.signal.reason)),
      );
    });
    expect(runner.cancel(job.id)).toMatchObject({ state: 'running', cancelRequested: true });
    expect(await runner.settled(job.id)).toMatchObject({ state: 'cancelled' });
    expect(runner.start('export', async () => undefined).state).toBe('running');
    // Closing (the app quits) cancels what still runs and waits for it.
    await runner.close();
    expect(runner.get(other.id).state).toBe('cancelled');
  });
});
