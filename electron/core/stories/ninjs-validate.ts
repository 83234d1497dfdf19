/**
 * Validates ninjs items against IPTC's official ninjs 3.1 JSON Schema (a verbatim copy in
 * resources/standards/ninjs/). The schema is read from disk, not bundled: electron-builder ships
 * resources/standards as extra resources (`<resourcesPath>/standards`), so the same file serves
 * the app, the browser bridge, the command line and the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_RELATIVE = join('standards', 'ninjs', 'ninjs-schema_3.1.json');

/**
 * Where the schema is: the packaged app's resources folder, or `resources/` in the source tree,
 * found by walking up from this module (source under tsx/vitest, `out/main` after a build).
 */
export function findNinjsSchema(): string {
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, SCHEMA_RELATIVE));
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', SCHEMA_RELATIVE));
    if (dirname(dir) === dir) break;
  }
  candidates.push(join(process.cwd(), 'resources', SCHEMA_RELATIVE));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(
      `the ninjs 3.1 schema was not found (looked for ${candidates[0]} and resources/${SCHEMA_RELATIVE})`,
    );
  return found;
}

/**
 * ninjs 3.1 refers to the GeoJSON schema online for `places[].geoJSON`. These machines work
 * offline and an import must never fetch anything, so a local stand-in accepts any GeoJSON-shaped
 * object (one with a string `type`); Mihbara does not read geometry.
 */
const GEOJSON_STUB = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://geojson.org/schema/GeoJSON.json',
  title: 'GeoJSON (local stand-in for offline validation)',
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
};

/** Maximum number of problems reported for one item; the first few are what a person reads. */
const MAX_ERRORS = 8;

export interface NinjsValidation {
  valid: boolean;
  /** plain-English problems, e.g. `/headlines/0: missing required property "value"` */
  errors: string[];
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strict: false because IPTC's schema uses annotation keywords ajv's strict mode rejects;
    // allErrors so one pass reports every problem of a file.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(GEOJSON_STUB);
    compiled = ajv.compile(JSON.parse(readFileSync(findNinjsSchema(), 'utf8')) as object);
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(top level)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'unevaluatedProperties':
      return `${where}: "${String(params.unevaluatedProperty)}" is not a ninjs 3.1 property`;
    case 'additionalProperties':
      return `${where}: "${String(params.additionalProperty)}" is not allowed here in ninjs 3.1`;
    case 'required':
      return `${where}: missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `${where}: is not a valid ${String(params.format)}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Checks `value` against the ninjs 3.1 schema and explains what is wrong, in plain words. */
export function validateNinjs(value: unknown): NinjsValidation {
  const validate = validator();
  if (validate(value)) return { valid: true, errors: [] };
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // anyOf/oneOf branches repeat themselves; one line per distinct message is enough.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    seen.add(describe(error));
  }
  const errors = [...seen];
  if (errors.length === 0) errors.push('it does not match the ninjs 3.1 schema');
  if (errors.length > MAX_ERRORS) {
    const more = errors.length - MAX_ERRORS;
    errors.splice(MAX_ERRORS, more, `…and ${more} more`);
  }
  return { valid: false, errors };
}
