/** A workflow over an in-memory store, with users of each role and stories in any state. */
import { createStoryService } from '../../../electron/core/stories/service';
import { memoryFiles } from '../../../electron/core/workflow/files';
import { createWorkflow } from '../../../electron/core/workflow';
import { STORY_SCHEMA_VERSION, Story, type StoryStatus } from '../../../shared/story/schema';
import { memoryStore } from '../helpers/memory-store';
import { workstationOn } from '../helpers/workstation';
import { everyLine } from '../helpers/workstation';

export const T0 = new Date('2026-05-04T08:00:00.000Z');

/** A story that passes every blocking checklist item. */
export function readyStory(id: string, status: StoryStatus, authors: string[]): Story {
  return Story.parse({
    id,
    schemaVersion: STORY_SCHEMA_VERSION,
    version: 1,
    language: 'ar',
    direction: 'rtl',
    headline: 'الرئاسة الليبية تتسلم دعوة رسمية لحضور القمة العربية في العراق',
    byline: 'ياسين أحمد',
    slugline: 'قمة-بغداد',
    leadImage: {
      file: `${'a'.repeat(64)}.jpg`,
      caption: 'المجلس الرئاسي الليبي',
      credit: 'وكالة الأنباء',
      altText: 'أعضاء المجلس',
    },
    tags: ['ليبيا'],
    body: [
      {
        type: 'paragraph',
        dir: 'rtl',
        lang: 'ar',
        children: [{ text: 'تسلم المجلس الرئاسي الليبي دعوة رسمية من العراق لحضور القمة العربية.' }],
      },
    ],
    status,
    authors,
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
  });
}

export async function setup(options: { lockIdleMs?: number } = {}) {
  let clock = T0.getTime();
  const now = () => new Date(clock);
  const store = memoryStore();
  const files = memoryFiles();
  const logs: string[] = [];
  const workflow = createWorkflow(store, {
    files,
    now,
    lockIdleMs: options.lockIdleMs,
    log: everyLine(logs),
  });
  const stories = createStoryService(store, now);
  const users = workflow.service.users;
  const editor = await users.add({
    name: 'ياسين أحمد',
    latinName: 'Yasin Ahmed',
    role: 'editor',
    pin: '1234',
  });
  const otherEditor = await users.add({ name: 'ليلى حسن', latinName: 'Layla Hassan', role: 'editor' });
  const chief = await users.add({
    name: 'سلمى الكبير',
    latinName: 'Salma Kabir',
    role: 'desk-chief',
    pin: '5678',
  });
  const admin = await users.find('admin');
  const { dispatch } = await workstationOn(store, { workflow, now }, (line) => logs.push(line));
  let counter = 0;
  /** puts a story straight into the store in any state (fixtures only; the app never does this) */
  const put = async (status: StoryStatus, authors = [editor.id], extra: Partial<Story> = {}) => {
    counter += 1;
    const id = `story-${String(counter).padStart(4, '0')}`;
    await store.update(id, () => Story.parse({ ...readyStory(id, status, authors), ...extra }));
    return id;
  };
  return {
    store,
    files,
    workflow,
    service: workflow.service,
    stories,
    dispatch,
    editor,
    otherEditor,
    chief,
    admin,
    logs,
    put,
    now,
    advance: (ms: number) => (clock += ms),
  };
}
