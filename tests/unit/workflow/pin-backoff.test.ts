/**
 * PINs cannot be guessed at machine speed: after five wrong PINs in a row every try is refused
 * (even the right PIN) for a wait that doubles with each further failure, and every wrong PIN is
 * written to the hash-chained sign-in log.
 */
import { describe, expect, it } from 'vitest';
import { PIN_FIRST_WAIT_MS, PIN_FREE_TRIES, SIGN_IN_LOG } from '../../../electron/core/workflow/users';
import { setup } from './helpers';

type Result = { ok: boolean; error?: { code: string; issues?: Array<{ path: string; message: string }> } };
const reasonOf = (result: Result) => result.error?.issues?.find((i) => i.path === 'reason')?.message;

describe('PIN back-off', () => {
  it('refuses every try during a doubling wait after five wrong PINs, and logs each wrong PIN', async () => {
    const w = await setup();
    const attempt = async (pin: string) =>
      (await w.dispatch('switchUser', { userId: w.chief.id, pin })) as Result;
    for (let i = 0; i < PIN_FREE_TRIES; i += 1) expect(reasonOf(await attempt('0000'))).toBe('pin');
    // The sixth try, even with the right PIN, waits.
    expect(reasonOf(await attempt('5678'))).toBe('pin-wait');
    w.advance(PIN_FIRST_WAIT_MS - 1000);
    expect(reasonOf(await attempt('5678'))).toBe('pin-wait');
    w.advance(1000);
    // One more wrong PIN doubles the wait.
    expect(reasonOf(await attempt('0000'))).toBe('pin');
    w.advance(PIN_FIRST_WAIT_MS * 2 - 1000);
    expect(reasonOf(await attempt('5678'))).toBe('pin-wait');
    w.advance(1000);
    expect((await attempt('5678')).ok).toBe(true);
    // A success clears the count: five more wrong PINs are allowed before the next wait.
    await w.dispatch('switchUser', { userId: w.admin.id });
    for (let i = 0; i < PIN_FREE_TRIES; i += 1) expect(reasonOf(await attempt('1111'))).toBe('pin');

    const lines = ((await w.files.readText(SIGN_IN_LOG)) ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(PIN_FREE_TRIES + 1 + PIN_FREE_TRIES);
    expect(lines.every((l) => l.user === w.chief.id && l.event === 'wrong-pin')).toBe(true);
    expect(lines[PIN_FREE_TRIES - 1].waitUntil).toBeDefined();
    expect(new Set(lines.map((l) => l.prev)).size).toBe(lines.length);
  });
});
