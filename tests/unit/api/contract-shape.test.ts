/**
 * The API is one contract, split by feature: adding an operation means editing the feature's
 * contract and its handlers, nothing else. This proves the rest is derived: every operation
 * declares who may call it, the preload and the browser client build their functions from the
 * contract's names, and the handler table answers every operation of the contract.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, OPERATIONS, type HandlerTable } from '../../../shared/api/contract';
import { createDispatch } from '../../../electron/core/api/dispatch';
import { POLICIES } from '../../../shared/api/policy';
import { memoryStore } from '../helpers/memory-store';
import { workstationOn } from '../helpers/workstation';

const quoted = (source: string) => new Set([...source.matchAll(/['"`]([A-Za-z]+)['"`]/g)].map((m) => m[1]));

describe('the contract', () => {
  it('gives every operation a policy', () => {
    for (const operation of OPERATIONS) {
      expect(POLICIES, operation).toContain(contract[operation].policy);
    }
  });

  it('is the only list of operations: the preload and the browser client name none of them', () => {
    for (const file of ['electron/preload/index.ts', 'renderer/src/api/client.ts']) {
      const named = quoted(readFileSync(file, 'utf8'));
      expect(
        OPERATIONS.filter((operation) => named.has(operation)),
        file,
      ).toEqual([]);
      expect(readFileSync(file, 'utf8'), file).toMatch(/\bOPERATIONS\b/);
    }
  });

  it('has a handler for every operation: a table missing one is refused when the dispatcher is made', async () => {
    const workstation = await workstationOn(memoryStore());
    await workstation.close();
    const table = Object.fromEntries(OPERATIONS.map((operation) => [operation, async () => ({})]));
    expect(() => createDispatch(table as unknown as HandlerTable)).not.toThrow();
    const { saveStory: _dropped, ...missing } = table;
    expect(() => createDispatch(missing as unknown as HandlerTable)).toThrow(/saveStory/);
  });
});
