// Redaction (FAQ "data logging preference"): the FAQ's illustration exactly, inbound by
// log_incoming_messages, and retention at export time (text 7 days, numbers 90 days).
import { describe, expect, it } from 'vitest';
import { MESSAGE_COLUMNS, recordCells } from '../../src/report/records.js';
import { retainCells, retentionOf } from '../../src/report/retention.js';
import type { MessageRecord } from '../../src/engine/types.js';
import type { LogSetting } from '../../src/scenario/model.js';
import { unneutralise } from '../../src/traffic/replay-row.js';

const NUMBER = '+12025550123';
const TEXT = 'Hello, your appointment is confirmed for tomorrow at 3 PM.';
const DAY = 86_400_000;
const col = (name: string) => MESSAGE_COLUMNS.indexOf(name as (typeof MESSAGE_COLUMNS)[number]);

function rec(log: LogSetting, direction: 'outbound' | 'inbound' = 'outbound'): MessageRecord {
  const customer = '+18445550100';
  return {
    index: 0, uuid: 'u', traffic: 't', from: direction === 'outbound' ? customer : NUMBER,
    to: direction === 'outbound' ? NUMBER : customer, toCountry: 'US', direction, type: 'sms', carrier: 'att',
    submitMs: 0, dispatchedMs: 0, endMs: 0, status: 'delivered', code: null, units: 1, text: TEXT, log, attempt: 1, retryOf: null,
  };
}

describe('FAQ redaction illustration', () => {
  // Setting option → processed destination number, processed message content (FAQ table).
  it.each([
    ['true', '+12025550123', TEXT],
    ['false', '+12025550***', '***Text Content Redacted***'],
    ['number_only', '+12025550123', '***Text Content Redacted***'],
    ['content_only', '+12025550***', TEXT],
  ] as const)('log=%s → %s / %s', (log, number, text) => {
    const cells = recordCells(rec(log), 0);
    expect(cells[col('to')]).toBe(number); // as the FAQ prints it (issue 11): no leading '
    expect(cells[col('text')]).toBe(text);
    expect(cells[col('from')]).toBe('+18445550100'); // the sender is the customer's: never redacted
  });
});

describe('inbound', () => {
  it('log_incoming_messages false redacts from and text; the message log setting is ignored', () => {
    const cells = recordCells(rec('true', 'inbound'), 0, false);
    expect(unneutralise(String(cells[col('from')]))).toBe('+12025550***');
    expect(cells[col('text')]).toBe('***Text Content Redacted***');
    expect(unneutralise(String(cells[col('to')]))).toBe('+18445550100');
  });

  it('log_incoming_messages true (default) keeps both, even for log=false', () => {
    const cells = recordCells(rec('false', 'inbound'), 0);
    expect(unneutralise(String(cells[col('from')]))).toBe(NUMBER);
    expect(cells[col('text')]).toBe(TEXT);
  });
});

describe('retention at export time', () => {
  it.each([
    [7 * DAY, false, false],
    [7 * DAY + 1, false, true],
    [90 * DAY, false, true],
    [90 * DAY + 1, true, true],
  ])('age %i ms → number %s, text %s', (age, number, text) => {
    expect(retentionOf(1000, 1000 + age)).toEqual({ number, text });
  });

  it('redacts the text after 7 days and the destination after 90 (from for inbound)', () => {
    const out = (log: LogSetting, dir: 'outbound' | 'inbound', ageDays: number) => {
      const cells = recordCells(rec(log, dir), 0).map(String);
      return retainCells(cells, ageDays * DAY + 1);
    };
    const week = out('true', 'outbound', 8);
    expect(week[col('text')]).toBe('***Text Content Redacted***');
    expect(unneutralise(week[col('to')])).toBe(NUMBER);
    const quarter = out('true', 'outbound', 91);
    expect(unneutralise(quarter[col('to')])).toBe('+12025550***');
    expect(unneutralise(quarter[col('from')])).toBe('+18445550100');
    const inbound = out('true', 'inbound', 91);
    expect(unneutralise(inbound[col('from')])).toBe('+12025550***');
    expect(unneutralise(inbound[col('to')])).toBe('+18445550100');
    const fresh = out('true', 'outbound', 6);
    expect(fresh[col('text')]).toBe(TEXT);
    // Already redacted stays redacted the same way.
    expect(unneutralise(out('false', 'outbound', 91)[col('to')])).toBe('+12025550***');
  });
});
