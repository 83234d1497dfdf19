import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  it('validates against electron-builder’s own schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    // strict off: the schema uses a non-standard `typeof` keyword.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('builds an Arabic NSIS installer for Windows and dmg + zip for macOS', () => {
    expect(config).toMatchObject({
      nsis: { installerLanguages: expect.arrayContaining(['ar_SA']), language: '1025' },
      mac: {
        target: expect.arrayContaining([
          expect.objectContaining({ target: 'dmg' }),
          expect.objectContaining({ target: 'zip' }),
        ]),
      },
    });
  });

  it('packages the built app and sets the hardening fuses', () => {
    expect(config['files']).toContain('out/**');
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
    });
  });
});
