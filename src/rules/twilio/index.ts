/**
 * Twilio, from its public docs and support pages (read 2026-11-27). Twilio counts its
 * limits in message segments. The 10DLC throughput per carrier by trust score is published
 * only by third parties: it is an assumption, flagged and settable.
 */
import { tpdTable, tpmTable, TMOBILE_ZONE } from '../carriers.js';
import { assumed, page, type Provider } from '../provider.js';

const READ = '2026-11-27';
const QUEUE = page('Twilio error 30001 "Queue overflow" (10 h of messages)', 'https://www.twilio.com/docs/api/errors/30001', READ);
const SENDER = page('Twilio error 21611 (long code 1 segment/s, short code 100+)', 'https://www.twilio.com/docs/api/errors/21611', READ);
const TOLL_FREE = page(
  'Twilio "Toll-Free SMS and MMS messaging throughput (MPS)"',
  'https://support.twilio.com/hc/en-us/articles/4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS',
  READ,
);
const ACCOUNT = page('Twilio error 63017 (2,000 messages per second per account)', 'https://www.twilio.com/docs/api/errors/63017', READ);
const MMS = page('Twilio changelog "Rate limits for MMS" (25 MPS per account)', 'https://twilio.com/en-us/changelog/rate-limits-for-multimedia-messaging--mms-', READ);
const VALIDITY = page('Twilio error 90007 (ValidityPeriod 1..36,000 s, default 36,000)', 'https://www.twilio.com/docs/api/errors/90007.md', READ);
const TPD = page(
  'Twilio "T-Mobile daily message limits ... A2P 10DLC" (SMS segments and MMS)',
  'https://support.twilio.com/hc/en-us/articles/1260804800549-T-Mobile-daily-message-limits-for-long-code-messaging-with-A2P-10DLC',
  READ,
);
const TF_BLOCK = page(
  'Twilio "Toll-Free Message Verification for US/Canada" (30032, subject to messaging fees)',
  'https://support.twilio.com/hc/en-us/articles/5377174717595-Toll-Free-Message-Verification-for-US-Canada',
  READ,
);
const THIRD_PARTY_10DLC = assumed(
  'third-party copies only (help.justcall.io/en/articles/8601354, voxolo.gy/resources/blog/10DLC-trust-scores): 75/40/4/4 segments/s per carrier = 4,500/2,400/240/240 per minute',
);
const NOT_STATED = assumed('no Twilio page read says whether it is charged');

export const TWILIO: Provider = {
  id: 'twilio',
  name: 'Twilio',
  about: `Twilio, from its public docs and support pages (read ${READ}); limits count segments.`,
  account: { sms: { count: 2000, per: 'second', cite: ACCOUNT }, mms: { count: 25, per: 'second', cite: MMS } },
  overLimit: { text: 'queued; past 10 h of queue fails (30001)', cite: QUEUE },
  queueMaxWait: { seconds: 36_000, cite: QUEUE },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: TOLL_FREE },
    { country: 'US', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 100, per: 'second' }, verify: false, cite: SENDER },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, cite: THIRD_PARTY_10DLC },
    { country: 'CA', type: 'long_code', sms: { count: 1, per: 'second' }, mms: { count: 1, per: 'second' }, verify: false, cite: assumed('error 21611 gives 1 segment/s for a US long code; used for Canadian long codes') },
    { country: 'CA', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: TOLL_FREE },
    { country: 'CA', type: 'short_code', sms: { count: 100, per: 'second' }, mms: null, verify: false, cite: assumed('no Twilio page read gives Canadian short codes; the US rate is used, MMS unsupported as in the Plivo FAQ') },
  ],
  mms10dlc: { count: 60, per: 'minute', cite: page('Twilio changelog "Rate limits for MMS" (1 MPS per long code; applied per carrier)', 'https://twilio.com/en-us/changelog/rate-limits-for-multimedia-messaging--mms-', READ) },
  tpm: tpmTable(THIRD_PARTY_10DLC, assumed('third-party copies only: Low Volume 1.25 segments/s per carrier = 75 per minute'), THIRD_PARTY_10DLC),
  tpmScope: { value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' }, cite: assumed('no Twilio page read says; as Telnyx: AT&T per campaign') },
  tpd: tpdTable(
    { text: 'Plivo FAQ "T-Mobile TPD restrictions" (T-Mobile\'s caps, the same for every provider)', url: null, read: null, assumption: null },
    assumed('score 0 is in no table read; the lowest tier is used'),
  ),
  dailyCap: { carrier: 'tmobile', zone: TMOBILE_ZONE, cite: TPD },
  codes: {
    '420': { own: '30036', charged: false, cite: page('Twilio error 30036 "Validity Period Expired"', 'https://www.twilio.com/docs/api/errors/30036.md', READ) },
    '110': { own: null, charged: false, cite: NOT_STATED },
    tmobile_daily_cap: { own: null, charged: false, cite: NOT_STATED },
    toll_free_unverified: { own: '30032', charged: true, cite: TF_BLOCK },
    mms_not_supported: { own: null, charged: false, cite: NOT_STATED },
    unregistered_10dlc: { own: null, charged: false, cite: NOT_STATED },
    unknown_sender: { own: null, charged: false, cite: NOT_STATED },
    queue_full: { own: '30001', charged: false, cite: QUEUE },
  },
  expiry: { defaultSeconds: 36_000, minSeconds: 1, maxSeconds: 36_000, cite: VALIDITY },
  count: {
    account: 'messages',
    sender: 'units',
    carrier: 'units',
    dailyCap: 'units',
    cite: page('Twilio error 21611 ("one message segment per second")', 'https://www.twilio.com/docs/api/errors/21611', READ),
  },
  tollFreeBlock: { fromEpochMs: Date.UTC(2024, 0, 31), label: '2024-01-31', cite: TF_BLOCK },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'tpm_10dlc', text: '10DLC throughput per carrier by trust score comes from third-party copies, not a Twilio page.', setting: 'rules: { tpm: { att: 4500 } }' },
    { id: 'queue_charged', text: 'Messages rejected for a full queue (30001) are not charged.', setting: 'rules: { charged: { queue_full: true } }' },
    { id: 'queue_messages', text: 'The 10 h queue is measured in messages at the queue\'s rate (Twilio measures segments).', setting: null },
  ],
};
