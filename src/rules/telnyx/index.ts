/**
 * Telnyx, from its public developer pages (read 2026-11-27). Values no page states are
 * assumptions, flagged and settable in a scenario's `rules:`.
 */
import { tpdTable, tpmTable, TMOBILE_ZONE } from '../carriers.js';
import { assumed, page, type Provider } from '../provider.js';

const READ = '2026-11-27';
const RATE = page('Telnyx "SMS messaging rate limits"', 'https://developers.telnyx.com/docs/messaging/messages/rate-limiting', READ);
const QUEUE = page(
  'Telnyx "Messaging configuration and usage" (Queuing)',
  'https://developers.telnyx.com/docs/messaging/messages/configuration-and-usage',
  READ,
);
const EXPIRED = page('Telnyx error 40014 "Message expired in queue" (not billed)', 'https://developers.telnyx.com/api/errors/40014', READ);
const SAME_RATE = assumed('the page gives one rate per sender type for every message type and destination country');
const NOT_STATED = assumed('no Telnyx page read says whether it is charged');
const PLIVO_FAQ_TPD = { text: 'Plivo FAQ "T-Mobile TPD restrictions" (T-Mobile\'s caps, the same for every provider)', url: null, read: null, assumption: null };

export const TELNYX: Provider = {
  id: 'telnyx',
  name: 'Telnyx',
  about: `Telnyx, from its public developer pages (read ${READ}).`,
  account: { sms: { count: 50, per: 'second', cite: RATE }, mms: { count: 15, per: 'second', cite: RATE } },
  overLimit: { text: 'queued; past 4 h of queue rejected', cite: QUEUE },
  queueMaxWait: { seconds: 14_400, cite: QUEUE },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 20, per: 'second' }, mms: { count: 20, per: 'second' }, verify: true, cite: RATE },
    { country: 'US', type: 'short_code', sms: { count: 1000, per: 'second' }, mms: { count: 1000, per: 'second' }, verify: false, cite: RATE },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, cite: RATE },
    // "Long Code 0.1 MPS per number" applies to non-US destinations, so to a Canadian long code.
    { country: 'CA', type: 'long_code', sms: { count: 6, per: 'minute' }, mms: { count: 6, per: 'minute' }, verify: false, cite: RATE },
    { country: 'CA', type: 'toll_free', sms: { count: 20, per: 'second' }, mms: { count: 20, per: 'second' }, verify: true, cite: SAME_RATE },
    { country: 'CA', type: 'short_code', sms: { count: 1000, per: 'second' }, mms: null, verify: false, cite: SAME_RATE },
  ],
  mms10dlc: { count: 50, per: 'minute', cite: assumed('the AT&T MMS TPM per campaign is not modelled; the carriers\' 50/min per number per carrier (Plivo FAQ) is used') },
  tpm: tpmTable(RATE, RATE, assumed('the AT&T table has no score-0 row; the 1–49 class (240) is used')),
  tpmScope: {
    value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' },
    cite: page('Telnyx "SMS messaging rate limits" ("AT&T assigns throughput per campaign")', 'https://developers.telnyx.com/docs/messaging/messages/rate-limiting', READ),
  },
  tpd: tpdTable(PLIVO_FAQ_TPD, assumed('score 0 is in no table read; the lowest tier is used')),
  dailyCap: { carrier: 'tmobile', zone: TMOBILE_ZONE, cite: RATE },
  codes: {
    '420': { own: '40014', charged: false, cite: EXPIRED },
    '110': { own: null, charged: false, cite: NOT_STATED },
    tmobile_daily_cap: { own: null, charged: false, cite: NOT_STATED },
    toll_free_unverified: { own: null, charged: false, cite: NOT_STATED },
    mms_not_supported: { own: null, charged: false, cite: NOT_STATED },
    unregistered_10dlc: { own: null, charged: false, cite: NOT_STATED },
    unknown_sender: { own: null, charged: false, cite: NOT_STATED },
    queue_full: { own: '40318', charged: false, cite: assumed('code 40318 is from a transcription of the rate-limiting page; the page read shows the 4 h rule, not the code, nor charges') },
  },
  expiry: {
    defaultSeconds: 14_400,
    minSeconds: 1,
    maxSeconds: 14_400,
    cite: assumed('no Telnyx page read gives a validity period; the 4 h queue limit is used as default and maximum'),
  },
  count: { account: 'messages', sender: 'messages', carrier: 'messages', dailyCap: 'messages', cite: RATE },
  tollFreeBlock: {
    fromEpochMs: Date.UTC(2024, 0, 31),
    label: '2024-01-31',
    cite: assumed('the industry-wide date (Plivo FAQ, Twilio error 30032); no Telnyx page read states it'),
  },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'sender_any_type', text: 'A sender limit applies to SMS and MMS alike (the page gives one rate per sender type).', setting: 'numbers[].limits' },
    { id: 'verizon_scope', text: 'Verizon TPM is per brand (the page states AT&T per campaign and T-Mobile caps per brand).', setting: 'rules: { tpm_scope: { verizon: campaign } }' },
  ],
};
