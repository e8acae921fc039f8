/**
 * Plivo, from its FAQ (the project's source of truth, /work/shared/seeds): every number
 * cites the FAQ section it comes from; what the FAQ does not say is an assumption.
 */
import { tpdTable, tpmTable, tmobileCap } from '../carriers.js';
import { assumed, codeTable, PLIVO_MAX_LENGTH, type Cite, type Provider } from '../provider.js';

const faq = (section: string): Cite => ({ text: `Plivo FAQ "${section}"`, url: null, read: null, assumption: null });
const MPS = faq('Messages per Second (MPS)');
const US = faq('A2P Messaging Throughput in the US');
const CA = faq('A2P Messaging Throughput in Canada');
const TOLL_FREE = faq('How can I enable SMS and MMS through toll-free numbers?');
const NOT_STATED = assumed('the FAQ does not say whether it is charged');

export const PLIVO: Provider = {
  id: 'plivo',
  name: 'Plivo',
  about: 'Plivo, from the Plivo FAQ.',
  account: { sms: { count: 5, per: 'second', cite: MPS }, mms: { count: 0.25, per: 'second', cite: MPS } },
  overLimit: { text: 'queued, never dropped', cite: MPS },
  queueMaxWait: { seconds: null, cite: MPS },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 25, per: 'second' }, mms: { count: 2, per: 'second' }, verify: true, cite: US },
    { country: 'US', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 100, per: 'second' }, verify: false, cite: US },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, cite: US },
    { country: 'CA', type: 'long_code', sms: { count: 15, per: 'minute' }, mms: { count: 15, per: 'minute' }, verify: false, cite: CA },
    { country: 'CA', type: 'toll_free', sms: { count: 25, per: 'second' }, mms: { count: 2, per: 'second' }, verify: true, cite: CA },
    { country: 'CA', type: 'short_code', sms: { count: 10, per: 'second' }, mms: null, verify: false, cite: CA },
  ],
  accountPools: [],
  mms10dlc: { count: 50, per: 'minute', perCarrier: true, cite: US },
  tpmBasis: {},
  tpmCap: {},
  tpm: tpmTable(US, assumed('the FAQ lists Low-Volume for 1–100 only; other providers give it 75 at any score'), US),
  tpmScope: { value: { att: 'brand', tmobile: 'brand', verizon: 'brand', other: 'brand' }, cite: US },
  caps: [tmobileCap(tpdTable(faq('T-Mobile TPD restrictions'), assumed('score 0 is not in the FAQ table; the lowest tier is used')), faq('T-Mobile TPD restrictions'))],
  codes: codeTable(NOT_STATED, {
    '420': { own: '420', charged: false, cite: faq('Message Expiry') },
    '110': { own: '110', charged: false, cite: NOT_STATED },
    toll_free_unverified: { own: null, charged: false, cite: assumed('the FAQ says blocked messages "might incur messaging fees"') },
    queue_full: { own: null, charged: false, cite: assumed('Plivo never rejects for a full queue (queued, never dropped)') },
  }),
  expiry: { defaultSeconds: 10_800, minSeconds: 5, maxSeconds: 10_799, cite: faq('Message Expiry') },
  maxLength: {
    ...PLIVO_MAX_LENGTH,
    cite: assumed('the FAQ gives no longest message; Plivo\'s "Encoding and concatenation" page gives 1,600 GSM-7 or 737 UCS-2 characters'),
  },
  count: { account: 'messages', sender: 'messages', carrier: 'messages', dailyCaps: 'messages', cite: MPS },
  tollFreeBlock: { fromEpochMs: Date.UTC(2024, 0, 31), label: '2024-01-31', cite: TOLL_FREE },
  numberPoolThreshold: 49,
  assumptions: [
    {
      id: 'other_carriers',
      text: 'Smaller carriers get the same TPM as the big three (the FAQ: "we expect them to be in similar ranges").',
      setting: 'rules: { tpm: { other: 1000 } }',
    },
    {
      id: 'tpm_scope',
      text: 'TPM is shared by all campaigns of the brand for every carrier, as the FAQ says; other providers apply AT&T per campaign.',
      setting: 'rules: { tpm_scope: { att: campaign } }',
    },
    { id: 'toll_free_day', text: 'The toll-free block starts 2024-01-31 00:00 UTC (the FAQ gives no time zone).', setting: null },
    {
      id: 'count_messages',
      text: 'Limits count messages, as the FAQ writes them; a long SMS is one message.',
      setting: 'rules: { count: units } (k units take k unit slots)',
    },
  ],
};
