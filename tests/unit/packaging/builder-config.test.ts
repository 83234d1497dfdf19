import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  nsis: Record<string, unknown>;
  mac: Record<string, unknown> & { target: { target: string }[]; extendInfo: Record<string, unknown> };
  win: Record<string, unknown>;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; rank?: string }[];
  publish: { provider: string; url: string }[];
};
const read = (file: string) => load(readFileSync(file, 'utf8')) as Config;
const configs = readdirSync('.').filter((name) => /^electron-builder(\.[\w-]+)?\.yml$/.test(name));

describe('electron-builder configuration', () => {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  // strict off: the schema uses a non-standard `typeof` keyword.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  it('has the base and the end-to-end configuration', () => {
    expect(configs.sort()).toEqual(['electron-builder.e2e.yml', 'electron-builder.yml']);
  });

  it.each(configs)('%s validates against electron-builder’s own schema', (file) => {
    const ok = validate(read(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const config = read('electron-builder.yml');

  it('builds a per-user NSIS installer in Arabic and English for Windows', () => {
    expect(config.win['target']).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      language: '1025',
      multiLanguageInstaller: true,
      shortcutName: 'محبرة',
    });
    expect([...(config.nsis['installerLanguages'] as string[])].sort()).toEqual(['ar_SA', 'en_US']);
  });

  it('builds a dmg and the zip auto-update needs for macOS, named in Arabic and Latin', () => {
    expect(config.mac.target.map((target) => target.target).sort()).toEqual(['dmg', 'zip']);
    expect(config['appId']).toBe('org.mihbara.workstation');
    expect(config['productName']).toBe('Mihbara');
    expect(config.mac.extendInfo).toMatchObject({
      CFBundleDisplayName: 'محبرة',
      CFBundleLocalizations: ['ar', 'en'],
    });
  });

  it('has an icon for every platform in resources/', () => {
    const ico = readFileSync(config.win['icon'] as string);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    expect(ico[6]).toBe(0); // the first image is 256×256 (stored as 0)
    const icns = readFileSync(config.mac['icon'] as string);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // 1024×1024
    const linux = (config['linux'] as { icon: string }).icon;
    expect(readdirSync(linux)).toEqual(expect.arrayContaining(['512x512.png', '256x256.png', '16x16.png']));
    const png = readFileSync('resources/build/icon.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('opens Word and ninjs files without taking them over', () => {
    expect(config.fileAssociations.map((association) => association.ext).sort()).toEqual(['docx', 'json']);
    for (const association of config.fileAssociations) expect(association.rank).toBe('Alternate');
  });

  it('reads code signing from the environment only and updates from a generic server', () => {
    const text = readFileSync('electron-builder.yml', 'utf8').replace(/^\s*#.*$/gm, '');
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificatePassword|certificateFile|appleId|password:/i);
    expect(config.publish).toEqual([
      { provider: 'generic', url: '${env.MIHBARA_UPDATE_URL}', channel: 'latest' },
    ]);
  });

  it('packages the built app and sets the hardening fuses; the end-to-end build only adds the inspector', () => {
    expect(config['files']).toContain('out/**');
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const e2e = read('electron-builder.e2e.yml');
    expect(e2e['extends']).toBe('./electron-builder.yml');
    expect(e2e.electronFuses).toEqual({ ...config.electronFuses, enableNodeCliInspectArguments: true });
    expect(existsSync((e2e['extends'] as string).replace('./', ''))).toBe(true);
  });
});
