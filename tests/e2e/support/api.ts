/** Calls the bridge's API directly, to set up a test's stories without typing them. */
import type { APIRequestContext } from '@playwright/test';
import type { BridgeProcess } from './bridge';

export async function callApi<T = unknown>(
  request: APIRequestContext,
  bridge: BridgeProcess,
  operation: string,
  payload: unknown,
): Promise<T> {
  const response = await request.post(`${bridge.origin}/api/${operation}`, {
    data: payload,
    headers: { Authorization: `Bearer ${bridge.token}` },
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${operation} failed: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

export interface SavedStory {
  id: string;
  version: number;
  headline: string;
  tags: string[];
  subjects?: string[];
  entities?: { kind: string; name: string }[];
}

/** Creates an Arabic story with a headline, paragraphs and tags. */
export async function seedStory(
  request: APIRequestContext,
  bridge: BridgeProcess,
  fields: { headline: string; byline?: string; body: string[]; tags?: string[] },
): Promise<SavedStory> {
  const created = await callApi<SavedStory>(request, bridge, 'createStory', {
    language: 'ar',
    edit: { headline: 'مسودة' },
  });
  return callApi<SavedStory>(request, bridge, 'saveStory', {
    id: created.id,
    baseVersion: created.version,
    edit: {
      headline: fields.headline,
      byline: fields.byline ?? '',
      tags: fields.tags ?? [],
      body: fields.body.map((text) => ({ type: 'paragraph', dir: 'rtl', lang: 'ar', children: [{ text }] })),
    },
  });
}
