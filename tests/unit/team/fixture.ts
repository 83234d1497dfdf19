/**
 * A migrated newsroom database on a throwaway cluster, with one login per role:
 * an editor (yasin), a second editor (salma), a desk chief (huda) and an administrator (amal).
 */
import pg from 'pg';
import { addNewsroomLogin, loginFor } from '../../../electron/core/team/admin';
import { migrate } from '../../../electron/core/team/migrate';
import { STORY_SCHEMA_VERSION, Story, type StoryStatus } from '../../../shared/story/schema';
import type { Role } from '../../../shared/workflow/model';
import { startCluster, type Cluster } from './pg-cluster';

export const PEOPLE: Array<{ id: string; name: string; role: Role }> = [
  { id: 'yasin', name: 'ياسين أحمد', role: 'editor' },
  { id: 'salma', name: 'سلمى علي', role: 'editor' },
  { id: 'huda', name: 'هدى سالم', role: 'desk-chief' },
  { id: 'amal', name: 'أمل حسن', role: 'admin' },
];

export interface Newsroom {
  cluster: Cluster;
  /** superuser URL of the newsroom database */
  ownerUrl: string;
  /** URL with the login of a person */
  urlAs(id: string): string;
  /** a connected client as a person (closed by `close`) */
  as(id: string): Promise<pg.Client>;
  owner: pg.Client;
  close(): Promise<void>;
}

let counter = 0;

/** Starts a cluster (or reuses `cluster`), creates and migrates a database, adds the people. */
export async function newsroom(cluster?: Cluster): Promise<Newsroom> {
  const ownCluster = cluster ?? (await startCluster());
  counter += 1;
  const ownerUrl = await ownCluster.createDatabase(`newsroom_${process.pid}_${counter}`);
  const owner = new pg.Client({ connectionString: ownerUrl });
  // Restart tests stop the server under open connections: their end is expected.
  owner.on('error', () => undefined);
  await owner.connect();
  await migrate(owner);
  for (const person of PEOPLE) await addNewsroomLogin(owner, person);
  const clients: pg.Client[] = [];
  const db = new URL(ownerUrl).pathname.slice(1);
  const urlAs = (id: string) => ownCluster.url(db, loginFor(id));
  return {
    cluster: ownCluster,
    ownerUrl,
    owner,
    urlAs,
    async as(id) {
      const client = new pg.Client({ connectionString: urlAs(id) });
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) await client.end().catch(() => undefined);
      await owner.end().catch(() => undefined);
      if (!cluster) ownCluster.destroy();
    },
  };
}

/** A story ready for every checklist, in `status`, by `authors`. */
export function story(id: string, status: StoryStatus, authors: string[], version = 1): Story {
  const at = '2026-05-04T08:00:00.000Z';
  return Story.parse({
    id,
    schemaVersion: STORY_SCHEMA_VERSION,
    version,
    language: 'ar',
    direction: 'rtl',
    headline: 'الرئاسة الليبية تتسلم دعوة رسمية لحضور القمة العربية في العراق',
    byline: 'ياسين أحمد',
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
    createdAt: at,
    updatedAt: at,
  });
}

/** Puts a story straight into the tables as the owner (how `db import` writes), in any state. */
export async function plant(owner: pg.ClientBase, doc: Story): Promise<void> {
  await owner.query(
    `INSERT INTO mihbara.stories (id, doc, authors, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, authors = excluded.authors, updated_at = excluded.updated_at`,
    [doc.id, doc, doc.authors ?? [], doc.updatedAt],
  );
  await owner.query(
    `INSERT INTO mihbara.revisions (story_id, version, actor, doc) VALUES ($1, $2, 'import', $3)
     ON CONFLICT DO NOTHING`,
    [doc.id, doc.version, doc],
  );
}
