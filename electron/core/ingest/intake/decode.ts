/**
 * Bytes of a wire file → text, in the charset the file declares: a byte-order mark, the XML
 * declaration's `encoding`, or UTF-8 (JSON is UTF-8 by RFC 8259). Decoding is strict: bytes that
 * are not valid in the declared charset refuse the file rather than turning into replacement marks.
 */
import { WireRejection, type WireWarning } from './item';

export interface DecodedText {
  text: string;
  /** the WHATWG name of the charset used (`utf-8`, `windows-1256`…) */
  charset: string;
  warnings: WireWarning[];
}

const startsWith = (bytes: Uint8Array, signature: number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** The charset a BOM or the UTF-16 shape of `<?` announces, before anything is decoded. */
function byteOrder(bytes: Uint8Array): { charset: string; skip: number } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { charset: 'utf-8', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { charset: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { charset: 'utf-16be', skip: 2 };
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return { charset: 'utf-16le', skip: 0 };
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return { charset: 'utf-16be', skip: 0 };
  return undefined;
}

/** The `encoding` of an XML declaration, read from the first bytes as ASCII. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const declaration = /^\s*<\?xml\s[^>]*?\?>/.exec(head)?.[0];
  return declaration ? /\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(declaration)?.[1] : undefined;
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal: true, ignoreBOM: true });
  } catch {
    throw new WireRejection(
      'unsupported-encoding',
      `it declares the charset "${label}", which is not known`,
      {
        charset: label,
      },
    );
  }
}

/** Decodes a wire file's bytes; throws `WireRejection` when the charset is unknown or the bytes are not in it. */
export function decodeWire(bytes: Uint8Array): DecodedText {
  const warnings: WireWarning[] = [];
  const bom = byteOrder(bytes);
  let label = bom?.charset;
  const declared = bom && bom.charset !== 'utf-8' ? undefined : declaredEncoding(bytes);
  if (!label && declared) label = declared;
  const looksXml = /^\s*</.test(String.fromCharCode(...bytes.subarray(0, 64)));
  if (!label) {
    label = 'utf-8';
    if (looksXml && !/^\s*<\?xml/.test(String.fromCharCode(...bytes.subarray(0, 64))))
      warnings.push({ code: 'charset-assumed' });
  }
  const decoder = decoderFor(label);
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(bom?.skip ?? 0));
  } catch {
    throw new WireRejection(
      'malformed-encoding',
      `its bytes are not valid ${decoder.encoding} text${declared ? ` (the charset it declares)` : ''}`,
      { charset: decoder.encoding },
    );
  }
  return { text: text.replace(/^\uFEFF/, ''), charset: decoder.encoding, warnings };
}
