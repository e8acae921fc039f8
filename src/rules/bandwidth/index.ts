/**
 * Bandwidth, from its public developer and support pages (read 2026-12-06). Bandwidth
 * limits the rate it dequeues messages to the carriers: 1 MPS per account by default, and
 * per number 1 MPS for P2P, none of its own for A2P ("∞, up to account limit"). Limits and
 * the queue count segments. Values no page states are assumptions, flagged and settable.
 */
import { TMOBILE_CAPS_CITE, tpdTable, tpmTable, tmobileCap } from '../carriers.js';
import { assumed, assumedMaxLength, codeTable, page, type Provider } from '../provider.js';

const READ = '2026-12-06';
const LIMITS_URL = 'https://dev.bandwidth.com/ap-docs/rateLimits/messageRateLimits.html';
const ACCOUNT = page(
  'Bandwidth "Understanding Messaging Rate Limits" (account outbound dequeue rate 1 MPS by default, SMS and MMS alike)',
  LIMITS_URL,
  READ,
  'The rate that Bandwidth will send your messages to the downstream carriers across your entire account. 1 MPS',
);
const A2P = page(
  'Bandwidth "Understanding Messaging Rate Limits" (per-number dequeue rate: A2P none of its own)',
  LIMITS_URL,
  READ,
  'A2P - ∞, up to account limit',
);
const P2P = page(
  'Bandwidth "Understanding Messaging Rate Limits" (per-number dequeue rate: P2P 1 MPS; a Canadian long code sends P2P)',
  LIMITS_URL,
  READ,
  'P2P - 1 MPS',
);
const QUEUE_URL = 'https://support.bandwidth.com/hc/en-us/articles/360014275073-How-does-Bandwidth-message-queuing-work';
const QUEUE = page(
  'Bandwidth "How does Bandwidth message queuing work?" (15-minute account queue, in segments)',
  QUEUE_URL,
  READ,
  'The default queue depth is a 15-minute queue across your entire account.',
);
const SEGMENTS = page(
  'Bandwidth "How does Bandwidth message queuing work?" (limits count segments)',
  QUEUE_URL,
  READ,
  'Rate Limit settings are relative to the number of sent segments, not messages (i.e., a 5-segment message is equal to 5 messages, not 1 message).',
);
const NOT_STATED = assumed('no Bandwidth page read says whether it is charged');
const CARRIER_TPM = assumed('no Bandwidth page read gives 10DLC TPM; the carriers\' table (Plivo FAQ) is used');

export const BANDWIDTH: Provider = {
  id: 'bandwidth',
  name: 'Bandwidth',
  about: `Bandwidth, from its public developer and support pages (read ${READ}); limits count segments.`,
  account: { sms: { count: 1, per: 'second', cite: ACCOUNT }, mms: { count: 1, per: 'second', cite: ACCOUNT } },
  accountPools: [],
  overLimit: { text: 'queued; past 15 min of queue rejected', cite: QUEUE },
  queueMaxWait: { seconds: 900, countBy: 'units', cite: QUEUE },
  numbers: [
    { country: 'US', type: 'toll_free', sms: 'account', mms: 'account', verify: true, cite: A2P },
    { country: 'US', type: 'short_code', sms: 'account', mms: 'account', verify: false, cite: A2P },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: 'account', verify: false, cite: A2P },
    { country: 'CA', type: 'long_code', sms: { count: 1, per: 'second' }, mms: { count: 1, per: 'second' }, verify: false, cite: P2P },
    { country: 'CA', type: 'toll_free', sms: 'account', mms: 'account', verify: true, cite: A2P },
    { country: 'CA', type: 'short_code', sms: 'account', mms: null, verify: false, cite: assumed('no Bandwidth page read gives Canadian short codes; A2P (none of its own), MMS unsupported as in the Plivo FAQ') },
  ],
  mms10dlc: { count: 1, per: 'second', perCarrier: false, cite: assumed('unused: a registered US long code sends A2P MMS with no limit of its own (up to the account)') },
  tpm: tpmTable(CARRIER_TPM, CARRIER_TPM, CARRIER_TPM),
  tpmBasis: {},
  tpmCap: {},
  tpmScope: { value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' }, cite: assumed('no Bandwidth page read says; as Telnyx: AT&T per campaign') },
  caps: [tmobileCap(tpdTable(TMOBILE_CAPS_CITE, assumed('score 0 is in no table read; the lowest tier is used')), TMOBILE_CAPS_CITE)],
  codes: codeTable(NOT_STATED, {
    queue_full: { own: null, charged: false, cite: assumed('the page says a rate limit error; no code or charge read') },
  }),
  expiry: {
    defaultSeconds: 14_400,
    minSeconds: 1,
    maxSeconds: 14_400,
    cite: assumed('no Bandwidth page read gives a validity period; the longest queue it offers (4 h) is used'),
  },
  maxLength: assumedMaxLength('Bandwidth'),
  count: { account: 'units', sender: 'units', carrier: 'units', dailyCaps: 'units', cite: SEGMENTS },
  tollFreeBlock: {
    fromEpochMs: Date.UTC(2024, 0, 31),
    label: '2024-01-31',
    cite: assumed('the industry-wide date (Plivo FAQ, Twilio error 30032); no Bandwidth page read states it'),
  },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'a2p_numbers', text: 'Toll-free, short codes and registered US long codes send A2P (no per-number limit); Canadian long codes send P2P (1 MPS).', setting: 'numbers[].limits' },
    { id: 'tpm_10dlc', text: 'US 10DLC TPM per carrier is the carriers\' table of the Plivo FAQ (no Bandwidth page gives it).', setting: 'rules: { tpm: { att: 4500 } }' },
    { id: 'api_burst', text: 'The API burst rate (dequeue rate + 10 with queuing) is not modelled: every message is accepted into the queue.', setting: null },
  ],
};
