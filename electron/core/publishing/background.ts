/**
 * The work the app and the bridge keep running beside the window: the workflow's scheduler, the
 * watched wire folder and the publishing outbox's retries. Stopped together when they close, in
 * the order that lets each finish cleanly: no new publications, no new wire files, then the
 * outbox waits for an attempt under way. After this, no timer of theirs is left.
 */
export interface BackgroundWork {
  scheduler?: { stop(): void };
  ingest?: { stop(): void | Promise<void> };
  outbox?: { stop(): Promise<void> };
}

/** Stops the scheduler, the watched folder and the outbox; resolves once none is running. */
export async function stopBackgroundWork(work: BackgroundWork): Promise<void> {
  work.scheduler?.stop();
  await work.ingest?.stop();
  await work.outbox?.stop();
}
