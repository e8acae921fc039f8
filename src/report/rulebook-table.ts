/**
 * `a2psim rules`: the rulebook tables, printed as they are stored, with their sources.
 */
import Table from 'cli-table3';
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIER_MIX } from '../rules/carrier-mix.js';
import {
  ACCOUNT_MPS, EXPIRY, MMS_10DLC, NUMBER_LIMITS, NUMBER_POOL_THRESHOLD, TPD_TABLE, TPD_TIME_ZONE, TPM_TABLE,
  type RateRow,
} from '../rules/rulebook.js';

const rate = (r: RateRow | '10dlc' | null, mms: boolean): string => {
  if (r === null) return 'not supported';
  if (r === '10dlc') return mms ? `${MMS_10DLC.count}/min per number per carrier` : 'brand TPM per carrier (2b)';
  return `${r.count}/${r.per === 'second' ? 's' : 'min'}`;
};

const scores = (min: number, max: number): string => (min === max ? `${min}` : `${min}–${max}`);

const table = (head: string[]): Table.Table => new Table({ head, style: { head: [], border: [] } });

/** The rulebook as text tables. */
export function renderRulebook(): string {
  const out: string[] = [];
  const acct = table(['account limit', 'default', 'source']);
  acct.push(['SMS MPS', `${ACCOUNT_MPS.sms.perSecond}/s`, ACCOUNT_MPS.sms.source]);
  acct.push(['MMS MPS', `${ACCOUNT_MPS.mms.perSecond}/s (1 per 4 s)`, ACCOUNT_MPS.mms.source]);
  acct.push(['message expiry', `${EXPIRY.defaultSeconds} s; allowed ${EXPIRY.minSeconds}..${EXPIRY.maxSeconds}`, 'FAQ: Message Expiry']);
  out.push('Account (SPEC 1)', acct.toString());

  const nums = table(['country', 'number type', 'SMS', 'MMS', 'source']);
  for (const r of NUMBER_LIMITS) nums.push([r.country, r.type, rate(r.sms, false), rate(r.mms, true), r.source]);
  out.push('2a. Per-number throughput', nums.toString());

  const tpm = table(['use case', 'vetting score', 'TPM per carrier', 'source']);
  for (const r of TPM_TABLE) tpm.push([r.minScore === 0 ? 'any (secondary vetting skipped)' : r.useCases.join(', '), scores(r.minScore, r.maxScore), r.tpm.toLocaleString('en-US'), r.source]);
  out.push('2b. US 10DLC SMS throughput per minute (att, tmobile, verizon; other = same)', tpm.toString());

  const tpd = table(['vetting score', 'T-Mobile TPD', 'source']);
  for (const r of TPD_TABLE) {
    tpd.push([scores(r.minScore, r.maxScore), r.tpd.toLocaleString('en-US') + (r.assumption ? ' (assumption)' : ''), r.source]);
  }
  out.push(`2c. T-Mobile daily cap per brand, SMS + MMS, day in ${TPD_TIME_ZONE}`, tpd.toString());

  const codes = table(['code', 'reason', 'origin', 'charged']);
  for (const c of FAILURE_CODES) codes.push([c.code, c.reason, c.plivo ? 'Plivo' : 'a2psim', c.charged ? 'yes' : 'no']);
  out.push('2d. Failure codes', codes.toString());

  const mix = table(['destination', 'att', 'tmobile', 'verizon', 'other', 'source']);
  for (const r of CARRIER_MIX) {
    mix.push([r.country === '*' ? 'any other' : r.country, r.mix.att, r.mix.tmobile, r.mix.verizon, r.mix.other, r.source]);
  }
  out.push('Default destination carrier mix per country (assumptions; traffic or scenario carriers: replace it)', mix.toString());

  out.push(
    '2f. Warnings',
    `  campaign linked to more than ${NUMBER_POOL_THRESHOLD} numbers: T-Mobile Number Pool Request needed`,
    '  toll-free number without verified: true (its messages fail)',
    '  US long code linked to no campaign (its messages fail)',
  );
  return out.join('\n') + '\n';
}
