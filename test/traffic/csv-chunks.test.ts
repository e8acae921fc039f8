// The chunked CSV reader: the same records as csv-parse on the whole file, whatever the
// chunk size (records cut by a chunk's end are re-read), with physical start lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvChunkReader } from '../../src/traffic/csv-chunks.js';
import { CsvSyntaxError, splitRecord } from '../../src/traffic/csv-fields.js';

function file(text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'a2psim-chunks-')), 'f.csv');
  writeFileSync(p, text);
  return p;
}

function readAll(path: string, chunkBytes: number) {
  const r = new CsvChunkReader(path, { chunkBytes });
  const out = [];
  for (let rec = r.next(); rec !== null; rec = r.next()) out.push(rec);
  return out;
}

describe('CsvChunkReader', () => {
  let text = '\ufeffid,text\r\n';
  for (let i = 0; i < 300; i++) text += `${i},"multi\nline, ü€ ""${i}"""\r\n${i % 7 === 0 ? '\r\n' : ''}`;
  const path = file(text);
  const whole = parse(text, { bom: true, skip_empty_lines: true });

  it.each([8, 13, 64, 1000, 1 << 20])('chunks of %i bytes give the records of one parse', (size) => {
    const recs = readAll(path, size);
    expect(recs.map((r) => r.fields)).toEqual(whole);
    const lines = text.slice(1).split(/\r?\n/);
    // every record starts on the line where its id is
    recs.slice(1).forEach((r) => expect(lines[r.line - 1].startsWith(`${r.fields[0]},"multi`)).toBe(true));
    // offset/length point at exactly the record's bytes
    const buf = Buffer.from(text);
    recs.slice(1).forEach((r) => expect(parse(buf.subarray(r.offset, r.offset + r.length))[0]).toEqual(r.fields));
  });

  it('reports malformed CSV with the line of the bad record, after the good ones', () => {
    const p = file('a,b\n1,2\n3,"x\n4,5\n');
    const r = new CsvChunkReader(p, { chunkBytes: 4 });
    expect(r.next()?.fields).toEqual(['a', 'b']);
    expect(r.next()?.fields).toEqual(['1', '2']);
    expect(() => r.next()).toThrow(CsvSyntaxError);
    const r2 = new CsvChunkReader(file('a,b\n1,2\n3,x"y\n'), { chunkBytes: 4 });
    r2.next();
    r2.next();
    try {
      r2.next();
      expect.unreachable();
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
    }
  });
});

describe('splitRecord: the fast splitter reads what csv-parse reads', () => {
  // Cells from a small alphabet rich in the characters that matter: quotes, delimiters, line breaks.
  const cell = fc.stringMatching(/^[a,;"\r\n é€x'=+-]{0,8}$/);
  const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;

  it('on random records, quoted as csv-stringify would or always, with , ; and tab', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.constantFrom(',', ';', '\t'), fc.boolean(), (cells, delimiter, always) => {
        const text = cells.map((c) => (always || /[,;\t"\r\n]/.test(c) || c === '' ? quoted(c) : c)).join(delimiter);
        expect(splitRecord(text, delimiter)).toEqual(parse(text, { delimiter, relax_column_count: true })[0] ?? ['']);
      }),
      { numRuns: 500, seed: 23 },
    );
  });

  it('on random text: the same fields, or both reject it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a,"x ]{1,12}$/), (text) => {
        let expected: string[] | 'error';
        try {
          expected = parse(text, { relax_column_count: true })[0] ?? 'error';
        } catch {
          expected = 'error';
        }
        let got: string[] | 'error';
        try {
          got = splitRecord(text, ',');
        } catch (e) {
          expect(e).toBeInstanceOf(CsvSyntaxError);
          got = 'error';
        }
        if (expected !== 'error') expect(got).toEqual(expected);
        else expect(got).toBe('error');
      }),
      { numRuns: 1000, seed: 24 },
    );
  });
});
