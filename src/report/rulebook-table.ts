/**
 * `a2psim rules`: the rulebook as a user reads it — each table with where its numbers come
 * from, every assumption marked and how to change it. Fits 80 columns; `wide` adds a
 * source column to every row instead of one source line per table.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import {
  ACCOUNT_MPS, EXPIRY, MMS_10DLC, NUMBER_LIMITS, NUMBER_POOL_THRESHOLD, TOLL_FREE_BLOCK, TPD_TABLE, TPD_TIME_ZONE, TPM_TABLE,
  type RateRow,
} from '../rules/rulebook.js';
import { ASSUMPTIONS } from '../rules/assumptions.js';

/** How to print the rulebook. */
export interface RulebookOptions {
  /** Every column, one source per row; lines may be longer than 80 characters. */
  readonly wide?: boolean;
}

/** Width the default output fits. */
export const RULES_WIDTH = 80;

const rate = (r: RateRow | '10dlc' | null, mms: boolean): string => {
  if (r === null) return 'not supported';
  if (r === '10dlc') return mms ? `${MMS_10DLC.count}/min per carrier` : 'brand TPM (below)';
  return `${r.count}/${r.per === 'second' ? 's' : 'min'}`;
};

const scores = (min: number, max: number): string => (min === max ? `${min}` : `${min}–${max}`);
const int = (n: number): string => n.toLocaleString('en-US');

/** A titled table: header, rows, and one source per row. */
interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly sources: readonly string[];
  /** Lines printed under the table. */
  readonly notes?: readonly string[];
}

/** Pads cells into left-aligned columns two spaces apart, indented by two. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => ('  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).trimEnd());
}

/** Wraps `text` at spaces to `width`, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? line + word : `${line} ${word}`;
    if (next.length > width && line.trim() !== '') {
      out.push(line);
      line = indent + word;
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') out.push(line);
  return out;
}

function renderSection(s: Section, wide: boolean): string[] {
  const head = wide ? [...s.head, 'source'] : s.head;
  const rows = s.rows.map((r, i) => (wide ? [...r, s.sources[i]] : r));
  const out = [s.title, ...columns([head, ...rows])];
  if (!wide) {
    const distinct = [...new Set(s.sources)];
    for (const src of distinct) out.push(...wrap(`  source: ${src}`, RULES_WIDTH, '    '));
  }
  for (const n of s.notes ?? []) out.push(...wrap(`  ${n}`, wide ? Infinity : RULES_WIDTH, '    '));
  return out;
}

/** The sections of the rulebook, in the order a message meets them. */
function sections(): Section[] {
  const mpsSource = 'FAQ "Messages per Second (MPS)"';
  const account: Section = {
    title: 'Account limits (per account, every message passes them first)',
    head: ['limit', 'default'],
    rows: [
      ['SMS per second', `${ACCOUNT_MPS.sms.perSecond}/s`],
      ['MMS per second', `${ACCOUNT_MPS.mms.perSecond}/s (1 per 4 s)`],
      ['over the limit', 'queued, never dropped'],
      ['message expiry', `${int(EXPIRY.defaultSeconds)} s; settable ${EXPIRY.minSeconds}..${int(EXPIRY.maxSeconds)} s`],
    ],
    sources: [mpsSource, mpsSource, mpsSource, 'FAQ "Message Expiry"'],
  };
  const numbers: Section = {
    title: 'Per-number limits',
    head: ['country', 'number type', 'SMS', 'MMS'],
    rows: NUMBER_LIMITS.map((r) => [r.country, r.type, rate(r.sms, false), rate(r.mms, true)]),
    sources: NUMBER_LIMITS.map((r) => r.source.replace(/^FAQ: (.*)$/, 'FAQ "$1"')),
    notes: [
      `Toll-free numbers must be verified: unverified ones are blocked from ${TOLL_FREE_BLOCK.label} and send under the normal limits before it (with a warning).`,
    ],
  };
  const tpm: Section = {
    title: 'US 10DLC SMS per minute (TPM), per carrier, for the whole brand',
    head: ['use case', 'vetting score', 'TPM'],
    rows: TPM_TABLE.map((r) => [
      r.useCases.join(', ') + (r.minScore === 0 && r.maxScore === 0 ? ' (vetting skipped)' : ''),
      scores(r.minScore, r.maxScore) + (r.note !== undefined ? ' *' : ''),
      int(r.tpm),
    ]),
    sources: TPM_TABLE.map(() => 'FAQ "A2P Messaging Throughput in the US"'),
    notes: [
      '* Low-Volume at score 0: the FAQ lists Low-Volume for 1–100 and 240 for brands that skip vetting; a2psim gives Low-Volume 75 at any score, as other providers do.',
      `MMS from a 10DLC number: ${MMS_10DLC.count}/min per number per carrier.`,
    ],
  };
  const tpd: Section = {
    title: `T-Mobile daily cap (TPD) per brand, SMS + MMS, day in ${TPD_TIME_ZONE}`,
    head: ['vetting score', 'messages per day'],
    rows: TPD_TABLE.map((r) => [scores(r.minScore, r.maxScore), int(r.tpd) + (r.assumption ? ' (assumed)' : '')]),
    sources: TPD_TABLE.map((r) => (r.assumption ? 'assumed: score 0 is not in the FAQ; the lowest tier' : 'FAQ "T-Mobile TPD restrictions"')),
    notes: ['Once the day is used up, further messages to T-Mobile fail at once.'],
  };
  const codes: Section = {
    title: 'Failure codes (420 and 110 are Plivo\'s; the FAQ names no others)',
    head: ['code', 'charged', 'reason'],
    rows: FAILURE_CODES.map((c) => [c.code, (c.charged ? 'yes' : 'no') + (c.chargedSource === null ? ' *' : ''), c.reason]),
    sources: FAILURE_CODES.map((c) => c.chargedSource ?? 'charged: assumed (rules.charged sets it)'),
    notes: ['* assumed: the FAQ does not say. Change it: rules: { charged: { CODE: true } }'],
  };
  return [account, numbers, tpm, tpd, codes];
}

/** The rulebook as text; fits {@link RULES_WIDTH} columns unless `wide`. */
export function renderRulebook(options: RulebookOptions = {}): string {
  const wide = options.wide === true;
  const out: string[] = ['Plivo rules, from the Plivo FAQ. Every value can be changed in a scenario.'];
  if (!wide) out.push('a2psim rules --wide shows the source of every row.');
  for (const s of sections()) out.push('', ...renderSection(s, wide));
  out.push('', 'Assumptions (where the FAQ is silent, a2psim chooses)');
  for (const a of ASSUMPTIONS) {
    out.push(...wrap(`  - ${a.text}`, wide ? Infinity : RULES_WIDTH, '    '));
    out.push(a.setting === null ? '    (built into the model)' : `    change it: ${a.setting}`);
  }
  out.push(
    '',
    'Warnings a run prints',
    `  - a campaign linked to more than ${NUMBER_POOL_THRESHOLD} numbers (T-Mobile Number Pool Request)`,
    '  - a toll-free number without verified: true',
    '  - a US long code linked to no campaign (its messages fail)',
  );
  return out.join('\n') + '\n';
}
