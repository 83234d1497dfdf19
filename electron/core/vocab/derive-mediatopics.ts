/**
 * Derives the compact Media Topics vocabulary the app ships from IPTC's published files:
 *
 *   npx tsx electron/core/vocab/derive-mediatopics.ts SOURCE_DIR
 *
 * SOURCE_DIR holds `mediatopic_en-US_ar_<date>.csv` (IPTC's English/Arabic export). Retired
 * concepts are left out; concepts without an Arabic label keep their English one, and the app
 * falls back to it. The output carries IPTC's credit and licence (CC BY 4.0), which the UI shows.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediaTopicsFile } from '../../../shared/vocab/mediatopics';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const codeOf = (uriOrQcode: string) => uriOrQcode.replace(/^.*[/:]/, '');

export function deriveMediaTopics(sourceDir: string): MediaTopicsFile {
  const name = readdirSync(sourceDir).find((file) => /^mediatopic_en-US_ar_.*\.csv$/.test(file));
  if (!name) throw new Error(`no mediatopic_en-US_ar_*.csv in ${sourceDir}`);
  const [head, ...rows] = parseCsv(readFileSync(join(sourceDir, name), 'utf8')).filter(
    (row) => row.length > 1,
  );
  const column = (label: string) => {
    const index = head!.indexOf(label);
    if (index < 0) throw new Error(`${name} has no ${label} column`);
    return index;
  };
  const [qcode, broader, retired, en, ar] = ['qcode', 'broader', 'retired', 'label_en_US', 'label_ar'].map(
    column,
  );
  const live = rows.filter((row) => row[retired!] === '');
  const liveCodes = new Set(live.map((row) => codeOf(row[qcode!]!)));
  return {
    source: `IPTC Media Topics, ${name.replace(/^.*_(\d{4}-\d{2}-\d{2})\.csv$/, '$1')}`,
    credit: 'IPTC Media Topics © IPTC (International Press Telecommunications Council), https://iptc.org',
    licence: 'CC BY 4.0, https://creativecommons.org/licenses/by/4.0/',
    concepts: live.map((row) => {
      const parent = row[broader!] ? codeOf(row[broader!]!) : '';
      return [codeOf(row[qcode!]!), row[en!]!, row[ar!] ?? '', liveCodes.has(parent) ? parent : ''] as [
        string,
        string,
        string,
        string,
      ];
    }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = process.argv[2];
  if (!source) {
    process.stderr.write('usage: tsx electron/core/vocab/derive-mediatopics.ts SOURCE_DIR\n');
    process.exit(2);
  }
  const out = fileURLToPath(
    new URL('../../../resources/standards/mediatopics/mediatopics.json', import.meta.url),
  );
  const file = deriveMediaTopics(source);
  writeFileSync(out, JSON.stringify(file) + '\n');
  process.stdout.write(`${file.concepts.length} concepts → ${out}\n`);
}
