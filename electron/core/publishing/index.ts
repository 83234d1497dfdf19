/**
 * Publishing as the app, the bridge and the command line use it: the publisher of a store,
 * connected to the workflow so that every transition delivers (and a publication a folder
 * channel cannot take is refused before it is committed), with its deliveries in the story's
 * history.
 */
import type { StoryStore } from '../store/types';
import { createSettingsService } from '../settings/settings';
import { filesOf } from '../workflow/files';
import type { Workflow } from '../workflow';
import type { Delivery } from '../../../shared/publishing/model';
import type { Story } from '../../../shared/story/schema';
import { createPublisher, type Publisher, type PublisherOptions } from './publisher';

export function openPublishing(
  store: StoryStore,
  workflow: Workflow | undefined,
  options: Partial<Pick<PublisherOptions, 'now' | 'backoff' | 'log'>> = {},
): Publisher {
  // Channels and the delivery log are the newsroom's: on the server when the store has one.
  const files = filesOf(store);
  // The house style of the published page: the newsroom's settings, where the store keeps them.
  const settings = createSettingsService(store);
  const publisher = createPublisher({
    root: store.root,
    files,
    ...options,
    ...(workflow ? { history: (id, entry) => workflow.service.history.append(id, entry) } : {}),
    houseStyle: async () => (await settings.getSettings()).houseStyle,
  });
  workflow?.service.addTransitionHooks({
    before: (story, action, actor) => publisher.beforeTransition(story, action, actor),
    after: (story, action, details) => publisher.onTransition(story, action, details),
  });
  return publisher;
}

/**
 * One transition from a short-lived process (the command line), on a workstation opened without
 * background work: the move delivers exactly as it does in the app; HTTP channels get one attempt
 * now and what fails waits in the outbox for the app. Resolves with the story and the
 * deliveries of its new version.
 */
export async function transitionAndDeliver(
  { workflow, publisher }: { workflow: Workflow; publisher: Publisher },
  id: string,
  action: Parameters<Workflow['service']['transition']>[1],
  actor: string,
  options: Parameters<Workflow['service']['transition']>[3] = {},
): Promise<{ story: Story; deliveries: Delivery[] }> {
  const story = await workflow.service.transition(id, action, actor, options);
  await publisher.outbox.drain();
  const deliveries = (await publisher.outbox.log()).filter(
    (d) => d.storyId === id && d.version === story.version,
  );
  return { story, deliveries };
}
