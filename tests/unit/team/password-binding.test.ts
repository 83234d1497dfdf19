/**
 * The kept team password goes only to the server, port and login it was saved for; a plain
 * (unencrypted) connection is refused for a server beyond this machine unless an administrator
 * allowed it, and only an administrator may allow it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/log';
import { openWorkstation } from '../../../electron/core/workstation';
import { clientConfig } from '../../../electron/core/team/connection';
import {
  keepPassword,
  loadPassword,
  passwordFor,
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

/**
 * A stand-in server on loopback that asks for a clear-text password and records what it is sent:
 * where a password would go, seen from the other end of the wire.
 */
async function passwordCatcher(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!started && buffer.length >= 4 && buffer.length >= buffer.readInt32BE(0)) {
        started = true;
        buffer = buffer.subarray(buffer.readInt32BE(0));
        const ask = Buffer.alloc(9);
        ask.write('R', 0);
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
        socket.write(ask);
      }
      if (started && buffer.length >= 5 && buffer[0] === 0x70) {
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        received.push(buffer.subarray(5, length).toString('utf8').replace(/\0$/, ''));
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the connection test sends a password only where it belongs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['PGPASSWORD', 'PGHOST', 'PGPORT', 'PGUSER']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const tryConnection = async (port: number, password?: string) => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-pw-test-'));
    folders.push(root);
    const workstation = await openWorkstation({ root, backend: 'local', log: silentLogger });
    try {
      await keepPassword(root, 'محفوظة-لخادم-آخر', {
        host: 'db.newsroom',
        port: 5432,
        user: 'mihbara_rana',
      });
      const settings = TeamSettings.parse({
        backend: 'team',
        url: `postgres://127.0.0.1:${port}/mihbara`,
        user: 'mihbara_rana',
        tls: 'off',
      });
      const result = await workstation.dispatch('testTeamConnection', {
        settings,
        ...(password ? { password } : {}),
      });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      return (result as { value: { ok: boolean; problem: string | null } }).value;
    } finally {
      await workstation.close();
    }
  };

  it('neither PGPASSWORD nor a password kept for another server goes to an address typed in the settings', async () => {
    const server = await passwordCatcher();
    try {
      process.env.PGPASSWORD = 'سر-البيئة';
      for (const name of ['PGHOST', 'PGPORT', 'PGUSER']) delete process.env[name];
      const answer = await tryConnection(server.port);
      expect(answer, JSON.stringify(answer)).toMatchObject({ ok: false, problem: 'login' });
      expect(server.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('PGPASSWORD goes where the PG* variables point, a typed password where it was typed for', async () => {
    const server = await passwordCatcher();
    try {
      process.env.PGPASSWORD = 'سر-البيئة';
      Object.assign(process.env, {
        PGHOST: '127.0.0.1',
        PGPORT: String(server.port),
        PGUSER: 'mihbara_rana',
      });
      await tryConnection(server.port);
      await tryConnection(server.port, 'مكتوبة-الآن');
      expect(server.received).toEqual(['سر-البيئة', 'مكتوبة-الآن']);
    } finally {
      await server.close();
    }
  });

  it('passwordFor: each source for its own address only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mihbara-pw-for-'));
    folders.push(root);
    const kept = { host: 'db.newsroom', port: 5432, user: 'mihbara_rana' };
    await keepPassword(root, 'محفوظة', kept);
    const env = { PGPASSWORD: 'بيئة', PGHOST: 'db.newsroom', PGPORT: '6432', PGUSER: 'mihbara_amal' };
    const elsewhere = { host: 'evil.example', port: 5432, user: 'mihbara_rana' };
    expect(await passwordFor(root, kept, { env })).toBe('محفوظة');
    expect(await passwordFor(root, { ...kept, port: 6432, user: 'mihbara_amal' }, { env })).toBe('بيئة');
    expect(await passwordFor(root, elsewhere, { env })).toBeUndefined();
    expect(await passwordFor(root, elsewhere, { env, startedFor: elsewhere })).toBe('بيئة');
    expect(await passwordFor(root, elsewhere, { env, typed: 'مكتوبة' })).toBe('مكتوبة');
  });
});
