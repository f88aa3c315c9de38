import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type Options } from 'csv-parse';

export type Delimiter = ',' | ';';

/** One data record of the file; `row` is the spreadsheet row number (the header is row 1). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

/** A record the parser could not read (e.g. a quote never closed): the rest of the file is lost with it. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The delimiter of a file from its first line: whichever of `,` and `;` occurs more often
 * outside quotes (Excel in many European locales writes `;`). Ties go to `,`.
 */
export function detectDelimiter(head: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of head.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export async function detectFileDelimiter(path: string): Promise<Delimiter> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return detectDelimiter(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export const parserOptions = (delimiter: Delimiter): Options => ({
  bom: true,
  delimiter,
  // Row lengths are checked by the importer, which reports the row instead of stopping.
  relax_column_count: true,
  // A stray quote inside an unquoted cell ("5" screen") is taken literally, as spreadsheets do.
  relax_quotes: true,
  skip_empty_lines: false,
  max_record_size: 1024 * 1024,
});

/** True for a row whose cells are all empty (spreadsheets leave these between blocks). */
export const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/**
 * Streams a CSV file: the header, then each record with its row number. Memory stays at one
 * parser buffer however large the file; a syntax error surfaces as CsvSyntaxError naming
 * the row it started in.
 */
export async function* readCsv(path: string, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(parse(parserOptions(delimiter)));
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells };
    }
  } catch (err) {
    throw new CsvSyntaxError(row + 1, readableParseError(err));
  } finally {
    parser.destroy();
  }
}

export function readableParseError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'A quoted cell is never closed; the rest of the file could not be read.';
  if (code === 'CSV_MAX_RECORD_SIZE') return 'The row is larger than 1 MB.';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'A closing quote is followed by other characters.';
  return `The file could not be read as CSV here: ${(err as Error).message}`.slice(0, 300);
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Records in a file (header included) without parsing it: line ends outside quotes, plus a
 * last line without one. Matches what readCsv yields for files it can read, at a fraction
 * of the cost, for progress totals when nothing else needs the first pass.
 */
export async function countRecords(path: string): Promise<number> {
  let records = 0;
  let quoted = false;
  let lineHasContent = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === QUOTE) quoted = !quoted;
      if (!quoted && b === NEWLINE) {
        records++;
        lineHasContent = false;
      } else if (b !== CR) lineHasContent = true;
    }
  }
  return records + (lineHasContent ? 1 : 0);
}
