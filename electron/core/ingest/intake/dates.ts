/**
 * Wire timestamps → ISO 8601 with an offset. Agencies send `2017-08-24T04:38:34+0000`,
 * `20151210T191044Z`, `2024-07-10T13:00:37` and `2020.09.07 14:45:26`; each is read, and a time
 * without an offset is taken in the provider's declared zone when there is one, else UTC, and
 * flagged so the editor knows the hour was assumed.
 */
import { warn, type WireItem } from './item';

const FORMS = [
  // 2024-07-10T13:00:37.123+03:00, 2024-07-10 13:00, 2017-08-24T04:38:34+0000
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i,
  // 20151210T191044Z, 20151210T1910+0100, 20151210
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
  // 2020.09.07 14:45:26
  /^(\d{4})\.(\d{2})\.(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?()?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Offset text (`+03:00`) → minutes; `Z` → 0. */
function offsetMinutes(offset: string): number {
  if (/^z$/i.test(offset)) return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}

/** Formats a local time with its offset as ISO 8601; undefined when the fields are not a real time. */
function iso(parts: number[], fraction: string, offset: number): string | undefined {
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000;
  const check = new Date(utc + offset * 60_000);
  if (
    Number.isNaN(utc) ||
    check.getUTCDate() !== d ||
    check.getUTCMonth() !== mo - 1 ||
    h > 23 ||
    mi > 59 ||
    s > 60
  )
    return undefined;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const frac = fraction ? `.${fraction.slice(0, 3)}` : '';
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac}${offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`}`;
}

export interface ReadTime {
  value: string;
  /** the source gave no offset; the zone was assumed */
  assumed: boolean;
}

/** Reads a wire timestamp; `zoneOffset` (minutes) stands in for a missing offset. */
export function readTime(raw: string | undefined, zoneOffset = 0): ReadTime | undefined {
  const text = (raw ?? '').trim();
  if (!text) return undefined;
  for (const form of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const nums = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
    const offset = m[8] ? offsetMinutes(m[8]) : zoneOffset;
    const value = iso(nums, m[7] ?? '', offset);
    if (value) return { value, assumed: !m[8] };
  }
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed) && /(Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i.test(text))
    return { value: new Date(parsed).toISOString(), assumed: false };
  return undefined;
}

type TimeField = 'firstCreated' | 'versionCreated' | 'contentCreated' | 'embargo';

/** Sets a time field of the item from raw text, flagging an assumed zone or an unreadable value. */
export function setTime(item: WireItem, field: TimeField, raw: string | undefined, zoneOffset = 0): void {
  if (!raw?.trim() || item[field]) return;
  const time = readTime(raw, zoneOffset);
  if (!time) {
    warn(item, 'time-unreadable', `${field}: ${raw.trim().slice(0, 60)}`);
    return;
  }
  item[field] = time.value;
  if (time.assumed) warn(item, 'time-without-offset', field);
}
