/**
 * Subjects as wire files give them → Media Topics or keywords. IPTC Media Topics are kept by code;
 * IPTC Subject Codes become the Media Topic IPTC maps them to (resources/standards/subjectcodes/,
 * from IPTC's own Media Topics vocabulary); every other scheme stays a keyword with its scheme.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findNinjsSchema } from '../../stories/ninjs-validate';
import { warn, type WireItem } from './item';

export const MEDIA_TOPIC_URI = 'http://cv.iptc.org/newscodes/mediatopic/';
export const SUBJECT_CODE_URI = 'http://cv.iptc.org/newscodes/subjectcode/';

let mapping: Map<string, string> | undefined;

/** Subject Code → Media Topic code, read once from the shipped file (beside the ninjs schemas). */
export function subjectCodeMap(): Map<string, string> {
  if (!mapping) {
    const file = join(dirname(dirname(findNinjsSchema())), 'subjectcodes', 'subjectcode-to-mediatopic.json');
    mapping = new Map();
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { map: Record<string, [string, string]> };
      for (const [code, [topic]] of Object.entries(data.map)) mapping.set(code, topic);
    }
  }
  return mapping;
}

/** The Media Topic of a Subject Code, looking through broader codes (`15054000` → `15000000`). */
export function mediaTopicOfSubjectCode(code: string): { topic: string; broader: boolean } | undefined {
  const map = subjectCodeMap();
  const direct = map.get(code);
  if (direct) return { topic: direct, broader: false };
  for (const broader of [`${code.slice(0, 5)}000`, `${code.slice(0, 2)}000000`]) {
    const topic = map.get(broader);
    if (topic) return { topic, broader: true };
  }
  return undefined;
}

/** Scheme aliases and URIs an item declares (G2 `catalog/scheme`), added to IPTC's own. */
export type SchemeTable = Map<string, string>;

export function iptcSchemes(): SchemeTable {
  return new Map([
    ['medtop', MEDIA_TOPIC_URI],
    ['subj', SUBJECT_CODE_URI],
    ['iptc', SUBJECT_CODE_URI],
  ]);
}

/** What scheme a URI or alias stands for: `medtop`, `subj`, or itself. */
function kindOf(scheme: string, schemes: SchemeTable): string {
  const uri = schemes.get(scheme) ?? scheme;
  if (uri.startsWith(MEDIA_TOPIC_URI) || /mediatopic\/?$/i.test(uri)) return 'medtop';
  if (uri.startsWith(SUBJECT_CODE_URI) || /subjectcode\/?$/i.test(uri)) return 'subj';
  return scheme;
}

/** Splits a QCode or URI into scheme and code. */
export function splitCode(value: string): { scheme: string; code: string } | undefined {
  const text = value.trim();
  for (const base of [MEDIA_TOPIC_URI, SUBJECT_CODE_URI]) {
    const noScheme = base.replace(/^https?:/, '');
    const at = text.replace(/^https?:/, '').indexOf(noScheme);
    if (at === 0)
      return {
        scheme: base,
        code: text
          .replace(/^https?:/, '')
          .slice(noScheme.length)
          .replace(/\/$/, ''),
      };
  }
  const uri = /^(https?:\/\/.+\/)([^/]+)\/?$/.exec(text);
  if (uri) return { scheme: uri[1]!, code: uri[2]! };
  const qcode = /^([A-Za-z][\w.-]*):(.+)$/.exec(text);
  if (qcode) return { scheme: qcode[1]!, code: qcode[2]! };
  return undefined;
}

/** Adds one subject to the item: a Media Topic, a mapped Subject Code, or a keyword with its scheme. */
export function addSubject(
  item: WireItem,
  subject: { scheme?: string; code?: string; name?: string },
  schemes: SchemeTable = iptcSchemes(),
): void {
  const name = subject.name?.replace(/\s+/g, ' ').trim() || undefined;
  const code = subject.code?.trim();
  const kind = subject.scheme ? kindOf(subject.scheme, schemes) : '';
  const addTopic = (topic: string, topicName?: string) => {
    if (!item.mediaTopics.some((t) => t.code === topic))
      item.mediaTopics.push(topicName ? { code: topic, name: topicName } : { code: topic });
  };
  if (kind === 'medtop' && code && /^\d{8}$/.test(code)) return addTopic(code, name);
  if (kind === 'subj' && code && /^\d{8}$/.test(code)) {
    const mapped = mediaTopicOfSubjectCode(code);
    if (mapped) {
      if (mapped.broader) warn(item, 'subject-mapped-broader', `subj:${code}`);
      return addTopic(mapped.topic);
    }
    warn(item, 'subject-unmapped', `subj:${code}`);
  }
  const value = name ?? (code ? `${subject.scheme ? `${subject.scheme}:` : ''}${code}` : '');
  if (!value) return;
  const scheme = subject.scheme ? (kind === 'subj' ? 'subj' : subject.scheme) : undefined;
  if (!item.keywords.some((k) => k.value === value))
    item.keywords.push(scheme ? { value, scheme: code && name ? `${scheme}:${code}` : scheme } : { value });
}

/** Adds a plain keyword once. */
export function addKeyword(item: WireItem, value: string, scheme?: string): void {
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text || item.keywords.some((k) => k.value === text)) return;
  item.keywords.push(scheme ? { value: text, scheme } : { value: text });
}
