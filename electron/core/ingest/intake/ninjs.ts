/**
 * ninjs 1.x, 2.x and 3.x → wire items, each generation's field names read alike (`headline`,
 * `headline_main`, `headlines[]`; `body_html`, `body_xhtml`, `body_text`, `bodies[]` with
 * `contentType` or `contenttype`). The item is checked against its line's schema, and what does
 * not validate is listed as a warning: a feed that is ninjs in spirit is still taken.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { normalizeLanguage } from '../../../../shared/format/html-to-body';
import { findNinjsSchema, validateNinjs } from '../../stories/ninjs-validate';
import { setTime } from './dates';
import { emptyItem, warn, WireRejection, type WireItem, type WirePicture } from './item';
import { addKeyword, addSubject, splitCode } from './subjects';
import { clean, looksLikeHtml, noteRole, textToHtml, urgencyOf } from './text';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Reads a property by any of its generations' names, case-insensitively. */
function getter(obj: Json) {
  const lower = new Map(Object.keys(obj).map((key) => [key.toLowerCase(), key]));
  return (...names: string[]): unknown => {
    for (const name of names) {
      const key = lower.get(name.toLowerCase());
      if (key !== undefined && obj[key] !== undefined && obj[key] !== null) return obj[key];
    }
    return undefined;
  };
}

/** Which ninjs line an object belongs to, from the property names only each line uses. */
export function ninjsLine(obj: Json): 1 | 2 | 3 {
  const keys = Object.keys(obj);
  if (
    typeof obj.headline === 'string' ||
    typeof obj.byline === 'string' ||
    keys.some((k) => /^(body|headline|description)_/.test(k)) ||
    'subject' in obj
  )
    return 1;
  if (
    keys.some(
      (k) =>
        k !== k.replace(/[A-Z]/g, '') &&
        /^(firstCreated|versionCreated|contentCreated|pubStatus|edNote|embargoedUntil)$/.test(k),
    )
  )
    return 3;
  if (
    keys.some((k) =>
      /^(firstcreated|versioncreated|contentcreated|pubstatus|representationtype|ednote|infosources|altids|embargoed)$/.test(
        k,
      ),
    )
  )
    return 2;
  return 3;
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

/** The schema problems of an item of its line, in a few plain words (empty when it validates). */
function schemaProblems(obj: Json, line: 1 | 2 | 3): string[] {
  if (line === 3) return validateNinjs(obj).errors.slice(0, 3);
  const validate = line === 1 ? olderValidators().v1 : olderValidators().v2;
  if (validate(obj)) return [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    seen.add(
      `${e.instancePath || '(top level)'} ${extra ? `has "${extra}", which ninjs ${line}.x does not define` : (e.message ?? e.keyword)}`,
    );
  }
  return [...seen].slice(0, 3);
}

/** Types that are text stories; other known types are refused as `not-text`. */
const TEXT_TYPES = new Set(['text', 'composite', '']);
const NOT_TEXT = new Set([
  'picture',
  'video',
  'audio',
  'graphic',
  'event',
  'planning',
  'concept',
  'component',
]);

/** A body value as HTML: HTML/XHTML as is, plain text as paragraphs. */
function bodyAsHtml(value: string, contentType: string): string {
  if (/html|xml/.test(contentType)) return value;
  if (/text\/plain/.test(contentType)) return textToHtml(value);
  return looksLikeHtml(value) ? value : textToHtml(value);
}

/** The main body of the item, from any generation's fields. */
function readBody(get: ReturnType<typeof getter>, obj: Json): string {
  const bodies = records(get('bodies'));
  if (bodies.length) {
    const main = bodies.find((b) => !b.role || clean(b.role) === 'main') ?? bodies[0]!;
    const g = getter(main);
    return bodyAsHtml(String(g('value') ?? ''), clean(g('contentType', 'contenttype')).toLowerCase());
  }
  const html = get('body_html', 'body_xhtml', 'body_main');
  if (typeof html === 'string' && html.trim())
    return bodyAsHtml(html, looksLikeHtml(html) ? 'text/html' : '');
  const text = get('body_text', 'body');
  if (typeof text === 'string' && text.trim()) return bodyAsHtml(text, '');
  const other = Object.keys(obj).find((k) => /^body_/.test(k) && typeof obj[k] === 'string');
  return other ? bodyAsHtml(String(obj[other]), '') : '';
}

/** A picture association → wire picture (the rendition most like an original). */
function pictureOf(association: Json, name: string): WirePicture | undefined {
  const g = getter(association);
  const type = clean(g('type'));
  const renditionsRaw = g('renditions');
  const renditions = Array.isArray(renditionsRaw)
    ? records(renditionsRaw)
    : isRecord(renditionsRaw)
      ? Object.entries(renditionsRaw)
          .filter(([, r]) => isRecord(r))
          .map(([key, r]) => ({ name: key, ...(r as Json) }))
      : [];
  if (type && type !== 'picture' && type !== 'graphic' && !(renditions.length && !type)) return undefined;
  const rank = (r: Json) => (/original|baseimage|master|large|highres/i.test(clean(r.name)) ? 0 : 1);
  const best = [...renditions].sort((a, b) => rank(a) - rank(b))[0];
  const href = clean(best ? getter(best)('href') : '') || clean(g('uri'));
  if (!href) return undefined;
  const picture: WirePicture = { href, role: /feature/i.test(name) ? 'featureimage' : 'body' };
  const headlines = records(g('headlines'));
  const caption =
    clean(headlines.find((h) => clean(h.role) === 'caption')?.value) ||
    clean(g('headline', 'description_text')) ||
    clean(records(g('descriptions')).find((d) => /caption|^$/.test(clean(d.role)))?.value);
  const alt = clean(records(g('descriptions')).find((d) => clean(d.role) === 'alt')?.value);
  const credit = clean(g('by', 'byline', 'copyrightnotice', 'copyrightNotice'));
  if (caption) picture.caption = caption;
  if (alt) picture.alt = alt;
  if (credit) picture.credit = credit;
  return picture;
}

/** One ninjs object → wire item; refuses pictures, video, events and the like as `not-text`. */
export function readNinjsObject(obj: Json, fallbackGuid: string): WireItem {
  const get = getter(obj);
  const line = ninjsLine(obj);
  const item = emptyItem('ninjs');
  item.formatVersion = `${line}.x`;
  const type = clean(get('type')).toLowerCase();
  if (NOT_TEXT.has(type))
    throw new WireRejection('not-text', `it is a ninjs "${type}" item, not a text story`, { type });

  const problems = schemaProblems(obj, line);
  if (problems.length) warn(item, 'schema-deviation', problems.join('; '));
  if (!TEXT_TYPES.has(type)) warn(item, 'type-assumed-text', type);

  item.guid = clean(get('uri', 'guid', 'id', 'itemid')) || fallbackGuid;
  const version = clean(get('version'));
  if (version) item.version = version;
  const language = normalizeLanguage(clean(get('language', 'lang')));
  if (language) item.language = language;

  const headlines = records(get('headlines'));
  const mainHeadline =
    headlines.find((h) => clean(h.role) === 'main') ?? headlines.find((h) => !/sub/.test(clean(h.role)));
  item.headline = clean(mainHeadline?.value) || clean(get('headline', 'headline_main', 'title'));
  const sub = headlines.find((h) => h !== mainHeadline && clean(h.value));
  const subText = clean(sub?.value) || clean(get('headline_sub', 'headline_extended', 'subheadline'));
  if (subText) item.subheadline = subText;
  const slugline = clean(get('slugline'));
  if (slugline) item.slugline = slugline;
  const byline = clean(get('by', 'byline'));
  if (byline) item.byline = byline;
  const located = clean(get('located'));
  if (located) item.dateline = { place: located };
  const descriptions = records(get('descriptions'));
  const description =
    clean(descriptions.find((d) => /summary|abstract|^$|main|text|body/.test(clean(d.role)))?.value) ||
    clean(get('description_text', 'description_main', 'abstract'));
  if (description) item.description = description;
  const urgency = urgencyOf(get('urgency'));
  if (urgency) item.urgency = urgency;
  const pubStatus = clean(get('pubStatus', 'pubstatus'));
  if (pubStatus === 'usable' || pubStatus === 'withheld' || pubStatus === 'canceled')
    item.pubStatus = pubStatus;
  setTime(item, 'firstCreated', clean(get('firstCreated', 'firstcreated')));
  setTime(item, 'versionCreated', clean(get('versionCreated', 'versioncreated')));
  setTime(item, 'contentCreated', clean(get('contentCreated', 'contentcreated')));
  setTime(item, 'embargo', clean(get('embargoedUntil', 'embargoed', 'embargoeduntil')));

  const notes = get('edNote', 'ednote', 'ednotes');
  for (const note of Array.isArray(notes) ? notes : [notes]) {
    if (typeof note === 'string' && note.trim()) item.edNotes.push({ role: 'private', text: clean(note) });
    else if (isRecord(note) && clean(note.value))
      item.edNotes.push({ role: noteRole(clean(note.role)), text: clean(note.value) });
  }

  const genres = records(get('genres', 'genre'));
  const genre = clean(genres[0]?.name) || clean(genres[0]?.code) || clean(genres[0]?.uri);
  if (genre) item.genre = genre;
  const sources = records(get('infoSources', 'infosources', 'infosource'));
  const provider =
    clean(sources.find((s) => /originator|provider|^$/.test(clean(s.role)))?.name) ||
    clean(sources[0]?.name) ||
    clean(get('source', 'provider'));
  if (provider) item.provider = provider;

  for (const subject of records(get('subjects', 'subject'))) {
    const g = getter(subject);
    const name = clean(g('name')) || undefined;
    const uri = clean(g('uri'));
    const code = clean(g('code'));
    const scheme = clean(g('scheme'));
    const fromUri = uri ? splitCode(uri) : undefined;
    if (fromUri) addSubject(item, { ...fromUri, ...(name ? { name } : {}) });
    else if (code && scheme) {
      const split = splitCode(code);
      addSubject(
        item,
        split && !/^\d+$/.test(code)
          ? { ...split, ...(name ? { name } : {}) }
          : { scheme, code, ...(name ? { name } : {}) },
      );
    } else if (code) {
      const split = splitCode(code);
      // Eight bare digits are IPTC Subject Codes in the feeds that send them (ninjs 1.x did).
      if (split) addSubject(item, { ...split, ...(name ? { name } : {}) });
      else
        addSubject(
          item,
          /^\d{8}$/.test(code)
            ? { scheme: 'subj', code, ...(name ? { name } : {}) }
            : { code, ...(name ? { name } : {}) },
        );
    } else if (name) addKeyword(item, name, clean(g('literal')) ? 'literal' : undefined);
  }
  const keywords = get('keywords');
  if (Array.isArray(keywords))
    for (const keyword of keywords) if (typeof keyword === 'string') addKeyword(item, keyword);

  item.bodyHtml = readBody(get, obj);

  const associations = get('associations');
  const list: [string, Json][] = Array.isArray(associations)
    ? records(associations).map((a) => [clean(a.name), a])
    : isRecord(associations)
      ? Object.entries(associations).filter((e): e is [string, Json] => isRecord(e[1]))
      : [];
  for (const [name, association] of list) {
    const picture = pictureOf(association, name);
    if (picture) item.pictures.push(picture);
  }
  return item;
}

/** A parsed JSON document → its ninjs items (one object, an array, or a feed's `item`/`items`). */
export function readNinjs(value: unknown, fallbackGuid: string): WireItem[] {
  const objects = Array.isArray(value)
    ? records(value)
    : isRecord(value) &&
        Array.isArray(value.items ?? value.item) &&
        !('headline' in value || 'headlines' in value)
      ? records(value.items ?? value.item)
      : isRecord(value)
        ? [value]
        : [];
  if (objects.length === 0)
    throw new WireRejection('wrong-schema', 'it is not a ninjs object', {
      schema: 'ninjs',
      detail: 'not a JSON object',
    });
  const items: WireItem[] = [];
  let refused: WireRejection | undefined;
  objects.slice(0, 100).forEach((obj, index) => {
    try {
      items.push(readNinjsObject(obj, objects.length > 1 ? `${fallbackGuid}-${index + 1}` : fallbackGuid));
    } catch (error) {
      if (error instanceof WireRejection) refused ??= error;
      else throw error;
    }
  });
  if (items.length === 0) throw refused!;
  if (items.length > 1) items.forEach((item, i) => warn(item, 'part-of-message', `${i + 1}/${items.length}`));
  return items;
}
