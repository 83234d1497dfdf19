// @vitest-environment jsdom
/**
 * The browser bridge's client and Chromium's keepalive budget: all keepalive requests in flight
 * together may carry at most 64 KiB, and the ones beyond fail as if the network were down. The
 * fake fetch below keeps that rule; saves and recovery drafts of a long story overlap all the time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApi } from '../../../renderer/src/api/client';

const BUDGET = 64 * 1024;

function chromiumLikeFetch() {
  let inFlight = 0;
  const seen: boolean[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const size = new TextEncoder().encode(String(init.body)).length;
    seen.push(Boolean(init.keepalive));
    if (init.keepalive) {
      if (inFlight + size > BUDGET) throw new TypeError('Failed to fetch');
      inFlight += size;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (init.keepalive) inFlight -= size;
    return new Response(JSON.stringify({ ok: true, value: null }), { status: 200 });
  });
  return { fetch, seen };
}

afterEach(() => vi.unstubAllGlobals());

describe('the bridge client', () => {
  it('sends overlapping large requests without tripping the keepalive budget', async () => {
    const { fetch, seen } = chromiumLikeFetch();
    vi.stubGlobal('fetch', fetch);
    const api = createHttpApi('ab12');
    const body = 'تسلم المجلس الرئاسي الليبي دعوة رسمية. '.repeat(500); // ~35 KB in UTF-8
    const results = await Promise.all([
      api.putRecoveryDraft({ id: 'x', baseVersion: 1, draft: { headline: body } }),
      api.saveStory({ id: 'x', baseVersion: 1, edit: { headline: body } }),
      api.putRecoveryDraft({ id: 'x', baseVersion: 1, draft: { subheadline: body } }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(seen.every((keepalive) => !keepalive)).toBe(true);
  });

  it('asks for keepalive while the page is being left, and falls back when the budget is spent', async () => {
    const { fetch, seen } = chromiumLikeFetch();
    vi.stubGlobal('fetch', fetch);
    const api = createHttpApi('ab12');
    window.dispatchEvent(new Event('beforeunload'));
    const body = 'نص '.repeat(9_000); // ~45 KB in UTF-8: two do not fit together
    const results = await Promise.all([
      api.saveStory({ id: 'x', baseVersion: 1, edit: { headline: body } }),
      api.putRecoveryDraft({ id: 'x', baseVersion: 1, draft: { headline: body } }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(seen.slice(0, 2)).toEqual([true, true]);
    expect(seen.length).toBe(3);
    window.dispatchEvent(new Event('pageshow'));
  });
});
