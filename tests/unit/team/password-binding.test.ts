/**
 * The kept team password goes only to the server, port and login it was saved for; a plain
 * (unencrypted) connection is refused for a server beyond this machine unless an administrator
 * allowed it, and only an administrator may allow it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../../electron/core/team/connection';
import {
  keepPassword,
  loadPassword,
  setCredentialVault,
  targetOf,
} from '../../../electron/core/team/credentials';
import { contract } from '../../../shared/api/contract';
import { policyFor } from '../../../shared/api/policy';
import { TeamSettings } from '../../../shared/team/contract';

const key = randomBytes(32);
setCredentialVault({
  available: () => true,
  encrypt(text) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decrypt(data) {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  },
});
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('team password binding and TLS', () => {
  it('a kept password is given only for the host, port and login it was saved for', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-pw-'));
    folders.push(root);
    const saved = { url: 'postgres://db.newsroom:5432/mihbara', user: 'mihbara_rana' };
    await keepPassword(root, 'سر-42', targetOf(saved));
    expect(await loadPassword(root, targetOf(saved))).toBe('سر-42');
    for (const elsewhere of [
      { url: 'postgres://evil.example:5432/mihbara', user: 'mihbara_rana' },
      { url: 'postgres://db.newsroom:6543/mihbara', user: 'mihbara_rana' },
      { url: 'postgres://db.newsroom:5432/mihbara', user: 'mihbara_amal' },
    ]) {
      expect(await loadPassword(root, targetOf(elsewhere)), elsewhere.url).toBeUndefined();
    }
  });

  it('tls off beyond this machine is refused unless an administrator allowed it', () => {
    expect(() => clientConfig({ url: 'postgres://db.newsroom/mihbara', tls: 'off' })).toThrow(/TLS/);
    expect(() => clientConfig({ url: 'postgres://10.0.0.5/mihbara' })).toThrow(/TLS/);
    expect(clientConfig({ url: 'postgres://127.0.0.1:5432/mihbara', tls: 'off' })).toBeTruthy();
    expect(clientConfig({ url: 'postgres://db.newsroom/mihbara', tls: 'require' }).ssl).toBeTruthy();
    expect(
      clientConfig({ url: 'postgres://db.newsroom/mihbara', tls: 'off', plainTextAllowed: true }),
    ).toBeTruthy();
    const plain = { settings: TeamSettings.parse({ plainTextAllowed: true }) };
    expect(policyFor(contract.saveTeamSettings, plain)).toBe('admin');
    expect(policyFor(contract.testTeamConnection, plain)).toBe('admin');
    expect(policyFor(contract.saveTeamSettings, { settings: TeamSettings.parse({}) })).toBe('signed-in');
  });
});
