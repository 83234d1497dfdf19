/**
 * Reads one wire file (agency copy) into story fields: ninjs 1.x, 2.x or 3.x (each checked against
 * IPTC's schema of its line, then lifted to the 3.x shape the one ninjs mapping reads) or a
 * NewsML-G2 newsItem. Every refusal carries a stable code (`INGEST_REFUSALS`), its parameters and
 * a plain reason.
 *
 * XML safety: the NewsML reader (htmlparser2 in XML mode) has no DTD processing at all — it never
 * fetches an external entity and never expands a declared one — and any file with a DOCTYPE or an
 * ENTITY declaration is refused before it is parsed, so XXE and "billion laughs" cannot start.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  hasDtd,
  newsmlToStoryFields,
  NewsmlContentError,
  type NewsmlStoryFields,
} from '../../../shared/format/newsml';
import { NinjsContentError, ninjsToStoryFields } from '../../../shared/format/ninjs';
import type { IngestRefusalCode, RefusalParams } from '../../../shared/publishing/model';
import { findNinjsSchema, validateNinjs } from '../stories/ninjs-validate';

/** No wire item is this large; larger files are refused before they are read. */
export const MAX_WIRE_BYTES = 5 * 1024 * 1024;

/** A wire file refused: a stable code and its parameters, and the reason in plain English. */
export class WireRejection extends Error {
  constructor(
    readonly code: IngestRefusalCode,
    message: string,
    readonly params: RefusalParams = {},
  ) {
    super(message);
    this.name = 'WireRejection';
  }
}

/**
 * Which refusal a DTD calls for: an entity fetched from outside (XXE), entities declared to be
 * expanded ("billion laughs"), or a bare DOCTYPE. Read from the declarations' text only.
 */
export function dtdRefusal(xml: string): WireRejection {
  const entities = xml.match(/<!ENTITY[^>]*>/gi) ?? [];
  if (entities.some((declaration) => /\b(SYSTEM|PUBLIC)\b/i.test(declaration)))
    return new WireRejection(
      'xml-external-entity',
      'the XML declares an external entity (XXE), which is never accepted',
    );
  if (entities.length > 0)
    return new WireRejection(
      'xml-entity-expansion',
      'the XML declares entities (entity expansion), which are never accepted',
    );
  return new WireRejection('xml-dtd', 'the XML declares a DTD, which is never accepted');
}

export interface WireItem {
  format: 'ninjs' | 'newsml';
  /** the ninjs line the item was read as */
  ninjsVersion?: 1 | 2 | 3;
  fields: NewsmlStoryFields;
}

/** ninjs 2.2 refers to GeoJSON online; the same offline stand-in as the 3.1 validator uses. */
const GEOJSON_STUB = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://geojson.org/schema/GeoJSON.json',
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
};

let older: { v1: ValidateFunction; v2: ValidateFunction } | undefined;
function olderValidators() {
  if (!older) {
    const folder = dirname(findNinjsSchema());
    const load = (name: string) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as object;
    const draft7 = new Ajv({ allErrors: true, strict: false });
    addFormats(draft7);
    const draft2020 = new Ajv2020({ allErrors: true, strict: false });
    addFormats(draft2020);
    draft2020.addSchema(GEOJSON_STUB);
    older = {
      v1: draft7.compile(load('ninjs-schema_1.6.json')),
      v2: draft2020.compile(load('ninjs-schema_2.2.json')),
    };
  }
  return older;
}

const LOWERCASE_2X = [
  'firstcreated',
  'versioncreated',
  'contentcreated',
  'pubstatus',
  'representationtype',
  'ednote',
  'infosources',
  'altids',
  'embargoed',
];

/** Which ninjs line an object belongs to, from the property names only each line uses. */
export function ninjsLine(obj: Record<string, unknown>): 1 | 2 | 3 {
  if (
    typeof obj.headline === 'string' ||
    typeof obj.byline === 'string' ||
    Object.keys(obj).some((k) => /^body_/.test(k)) ||
    'subject' in obj
  )
    return 1;
  if (LOWERCASE_2X.some((key) => key in obj)) return 2;
  return 3;
}

const lift: Record<string, string> = {
  firstcreated: 'firstCreated',
  versioncreated: 'versionCreated',
  contentcreated: 'contentCreated',
  pubstatus: 'pubStatus',
  representationtype: 'representationType',
  ednote: 'edNote',
  infosources: 'infoSources',
  embargoed: 'embargoedUntil',
};

/** Lifts a 1.x or 2.x item to the property names of 3.x (only what the mapping reads). */
export function liftNinjs(obj: Record<string, unknown>, line: 1 | 2 | 3): Record<string, unknown> {
  if (line === 3) return obj;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[lift[key] ?? key] = value;
  if (line === 1) {
    if (typeof obj.headline === 'string') out.headlines = [{ role: 'main', value: obj.headline }];
    if (typeof obj.headline_sub === 'string')
      (out.headlines as unknown[]).push({ role: 'sub', value: obj.headline_sub });
    if (typeof obj.body_html === 'string')
      out.bodies = [{ role: 'main', contentType: 'text/html', value: obj.body_html }];
    else if (typeof obj.body_xhtml === 'string')
      out.bodies = [{ role: 'main', contentType: 'application/xhtml+xml', value: obj.body_xhtml }];
    if (typeof obj.byline === 'string') out.by = obj.byline;
    if (Array.isArray(obj.subject)) out.subjects = obj.subject;
    if (Array.isArray(obj.infosource)) out.infoSources = obj.infosource;
    if (obj.associations && typeof obj.associations === 'object' && !Array.isArray(obj.associations)) {
      out.associations = Object.entries(obj.associations as Record<string, Record<string, unknown>>).map(
        ([name, item]) => ({
          ...liftNinjs(item, 1),
          name,
        }),
      );
    }
  }
  return out;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new WireRejection('not-utf8', 'it is not UTF-8 text');
  }
}

/** The refusal of a file larger than the ingest takes. */
export const oversized = (size: number): WireRejection =>
  new WireRejection('oversized', `the file is too large (${size} bytes; at most ${MAX_WIRE_BYTES})`, {
    size,
    limit: MAX_WIRE_BYTES,
  });

/** Reads a wire file's bytes; throws `WireRejection` with the reason when it cannot be taken. */
export function readWire(bytes: Uint8Array): WireItem {
  if (bytes.length === 0) throw new WireRejection('empty', 'the file is empty');
  if (bytes.length > MAX_WIRE_BYTES) throw oversized(bytes.length);
  const text = decode(bytes);
  const start = text.trimStart()[0];
  if (start === '<') {
    if (hasDtd(text)) throw dtdRefusal(text);
    try {
      return { format: 'newsml', fields: newsmlToStoryFields(text).fields };
    } catch (error) {
      if (error instanceof NewsmlContentError) {
        const detail = { detail: error.message };
        if (error.kind === 'dtd') throw dtdRefusal(text);
        if (error.kind === 'malformed') throw new WireRejection('malformed-xml', error.message, detail);
        if (error.kind === 'incomplete') throw new WireRejection('incomplete', error.message, detail);
        throw new WireRejection('wrong-schema', error.message, { schema: 'NewsML-G2 2.35', ...detail });
      }
      const detail = (error as Error).message;
      throw new WireRejection('malformed-xml', `it is not readable XML (${detail})`, { detail });
    }
  }
  if (start !== '{' && start !== '[')
    throw new WireRejection('unsupported-format', 'it is neither a ninjs (JSON) nor a NewsML-G2 (XML) file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    throw new WireRejection('malformed-json', `it is not valid JSON (${detail})`, { detail });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new WireRejection('wrong-schema', 'it is not a ninjs object', {
      schema: 'ninjs',
      detail: 'not a JSON object',
    });
  const obj = value as Record<string, unknown>;
  const line = ninjsLine(obj);
  if (line === 3) {
    const result = validateNinjs(obj);
    if (!result.valid) {
      const detail = result.errors.slice(0, 5).join('; ');
      throw new WireRejection('wrong-schema', `it is not valid ninjs 3.1: ${detail}`, {
        schema: 'ninjs 3.1',
        detail,
      });
    }
  } else {
    const validate = line === 1 ? olderValidators().v1 : olderValidators().v2;
    if (!validate(obj)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '(top level)'} ${e.message ?? e.keyword}`);
      const schema = `ninjs ${line === 1 ? '1.6' : '2.2'}`;
      throw new WireRejection('wrong-schema', `it is not valid ${schema}: ${errors.join('; ')}`, {
        schema,
        detail: errors.join('; '),
      });
    }
  }
  try {
    const { fields } = ninjsToStoryFields(liftNinjs(obj, line));
    return { format: 'ninjs', ninjsVersion: line, fields };
  } catch (error) {
    if (error instanceof NinjsContentError) {
      if (error.kind === 'not-text')
        throw new WireRejection('not-text', error.message, { type: String(obj.type ?? '') });
      throw new WireRejection(error.kind, error.message, {
        detail: error.message,
        ...(error.kind === 'wrong-schema' ? { schema: 'ninjs' } : {}),
      });
    }
    throw error;
  }
}
