/**
 * The one intake of wire copy: bytes of any supported file → wire items. Sniffs the format after
 * decoding the declared charset, reads XML safely, and applies the one rule of what is taken: an
 * item with a headline or some text is taken (what deviates is listed as warnings); refusals are
 * for what is not a text story, unsafe or unreadable, each with one code whatever the format.
 * `story.ts` then maps each item into a story the same way for ingest, import and the desktop.
 */
import { createHash } from 'node:crypto';
import { decodeWire } from './decode';
import { isG2, readG2 } from './g2';
import { MAX_WIRE_BYTES, oversized, warn, WireRejection, type WireItem } from './item';
import { readNinjs } from './ninjs';
import { readNitf } from './nitf';
import { clean, firstWords } from './text';
import { local, parseWireXml } from './xml';

export * from './item';

/** What was read from one file. */
export interface WireRead {
  items: WireItem[];
  /** the WHATWG name of the charset the text was in */
  charset: string;
}

/** The essentials rule: a headline or some text; the missing one is filled and flagged. */
function essentials(item: WireItem): WireItem {
  item.headline = clean(item.headline);
  const text = clean(item.bodyHtml.replace(/<[^>]*>/g, ' '));
  if (!item.headline && text) {
    item.headline = firstWords(item.bodyHtml);
    warn(item, 'headline-from-text');
  }
  if (!item.headline && item.description) {
    item.headline = firstWords(item.description);
    warn(item, 'headline-from-text');
  }
  if (!item.headline)
    throw new WireRejection('incomplete', 'it has neither a headline nor any text', {
      detail: 'no headline, no text',
    });
  if (!text) warn(item, 'no-text');
  if (item.pictures.length) warn(item, 'pictures-referenced', String(item.pictures.length));
  return item;
}

/** Reads a wire file's bytes into items; throws `WireRejection` with the reason when none can be taken. */
export function readWire(bytes: Uint8Array): WireRead {
  if (bytes.length === 0) throw new WireRejection('empty', 'the file is empty');
  if (bytes.length > MAX_WIRE_BYTES) throw oversized(bytes.length);
  const decoded = decodeWire(bytes);
  const text = decoded.text;
  const fallbackGuid = `urn:mihbara:wire:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
  const start = text.trimStart()[0];
  let items: WireItem[];
  if (start === '<') {
    const warnings = [...decoded.warnings];
    const root = parseWireXml(text, warnings);
    const name = local(root);
    if (name === 'nitf') items = [readNitf(root, fallbackGuid)];
    else if (isG2(root)) items = readG2(root, fallbackGuid);
    else if (name === 'NewsML')
      throw new WireRejection('unsupported-format', 'it is NewsML 1.x, which is not read (NewsML-G2 is)', {
        detail: 'NewsML 1.x',
      });
    else
      throw new WireRejection(
        'unsupported-format',
        `it is a <${root.name}> XML document, not NITF or NewsML-G2`,
        {
          detail: `<${root.name}>`,
        },
      );
    for (const item of items) item.warnings.unshift(...warnings);
  } else if (start === '{' || start === '[') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message;
      throw new WireRejection('malformed-json', `it is not valid JSON (${detail})`, { detail });
    }
    items = readNinjs(value, fallbackGuid);
    for (const item of items) item.warnings.unshift(...decoded.warnings);
  } else {
    throw new WireRejection('unsupported-format', 'it is neither ninjs (JSON) nor NITF or NewsML-G2 (XML)');
  }
  const taken: WireItem[] = [];
  let refused: WireRejection | undefined;
  for (const item of items) {
    try {
      taken.push(essentials(item));
    } catch (error) {
      if (!(error instanceof WireRejection)) throw error;
      refused ??= error;
    }
  }
  if (taken.length === 0) throw refused!;
  return { items: taken, charset: decoded.charset };
}
