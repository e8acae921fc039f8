/**
 * Telnyx, from its public developer pages (read 2026-11-27). Values no page states are
 * assumptions, flagged and settable in a scenario's `rules:`.
 */
import { TMOBILE_CAPS_CITE, tpdTable, tpmTable, tmobileCap } from '../carriers.js';
import { assumed, assumedMaxLength, codeTable, page, type Provider } from '../provider.js';

const READ = '2026-11-27';
const READ2 = '2026-12-06';
const RATE_URL = 'https://developers.telnyx.com/docs/messaging/messages/rate-limiting';
const RATE = page('Telnyx "SMS messaging rate limits"', RATE_URL, READ);
const NON_US = page(
  'Telnyx "SMS messaging rate limits" (long code 0.1 MPS per number toward non-US destinations)',
  RATE_URL,
  READ2,
  'The default Long Code rate limit applies to non-US destinations. For US destinations, throughput is determined at the campaign level based on your 10DLC registration.',
);
const QUEUE_LENGTH = page(
  'Telnyx "SMS messaging rate limits" (Max Queue Length = rate x 14,400 s, counted in segments)',
  RATE_URL,
  READ2,
  'SMS | 50 messages/second | 720,000',
);
const QUEUE_FULL = page('Telnyx "SMS messaging rate limits" (a full queue rejects with 40318; charges not stated)', RATE_URL, READ2);
const LOW_TIER = page("Telnyx \"SMS messaging rate limits\" (T-Mobile's Low tier, 2,000 a day, includes vetting score 0)", RATE_URL, READ2);
const QUEUE = page(
  'Telnyx "Messaging configuration and usage" (Queuing)',
  'https://developers.telnyx.com/docs/messaging/messages/configuration-and-usage',
  READ,
);
const EXPIRED = page('Telnyx error 40014 "Message expired in queue" (not billed)', 'https://developers.telnyx.com/api/errors/40014', READ);
const SAME_RATE = assumed('the page gives one rate per sender type for every message type and destination country');
const NOT_STATED = assumed('no Telnyx page read says whether it is charged');

export const TELNYX: Provider = {
  id: 'telnyx',
  name: 'Telnyx',
  about: `Telnyx, from its public developer pages (read ${READ}).`,
  account: { sms: { count: 50, per: 'second', cite: RATE }, mms: { count: 15, per: 'second', cite: RATE } },
  overLimit: { text: 'queued; past 4 h of queue rejected', cite: QUEUE },
  queueMaxWait: { seconds: 14_400, countBy: 'units', cite: QUEUE_LENGTH },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 20, per: 'second' }, mms: { count: 20, per: 'second' }, verify: true, cite: RATE },
    { country: 'US', type: 'short_code', sms: { count: 1000, per: 'second' }, mms: { count: 1000, per: 'second' }, verify: false, cite: RATE },
    {
      country: 'US',
      type: 'long_code',
      sms: '10dlc',
      mms: '10dlc',
      verify: false,
      byDestination: [{ to: ['CA', 'other'], sms: { count: 0.1, per: 'second' }, mms: { count: 0.1, per: 'second' }, cite: NON_US }],
      cite: RATE,
    },
    // "Long Code 0.1 MPS per number" applies to non-US destinations, so to a Canadian long code.
    { country: 'CA', type: 'long_code', sms: { count: 6, per: 'minute' }, mms: { count: 6, per: 'minute' }, verify: false, cite: RATE },
    { country: 'CA', type: 'toll_free', sms: { count: 20, per: 'second' }, mms: { count: 20, per: 'second' }, verify: true, cite: SAME_RATE },
    { country: 'CA', type: 'short_code', sms: { count: 1000, per: 'second' }, mms: null, verify: false, cite: SAME_RATE },
  ],
  accountPools: [],
  mms10dlc: {
    count: 50,
    per: 'minute',
    perCarrier: true,
    cite: assumed(
      'no Telnyx page gives a 10DLC MMS limit per number; its AT&T table gives MMS TPM per campaign (2,400 / 1,200 / 150 / 50 by message class), not modelled; the Plivo FAQ\'s 50/min per number per carrier is used',
    ),
  },
  tpm: tpmTable(RATE, RATE, assumed('the AT&T table has no score-0 row; the 1–49 class (240) is used')),
  tpmBasis: {
    tmobile: assumed('the page gives T-Mobile daily caps per brand only, no TPM; the AT&T table is used'),
    verizon: assumed('the page gives no Verizon throughput; the AT&T table is used'),
    other: assumed('the page gives no throughput for minor carriers; the AT&T table is used'),
  },
  tpmCap: {},
  tpmScope: {
    value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' },
    cite: page('Telnyx "SMS messaging rate limits" ("AT&T assigns throughput per campaign")', 'https://developers.telnyx.com/docs/messaging/messages/rate-limiting', READ),
  },
  caps: [tmobileCap(tpdTable(TMOBILE_CAPS_CITE, LOW_TIER), RATE)],
  codes: codeTable(NOT_STATED, {
    '420': { own: '40014', charged: false, cite: EXPIRED },
    queue_full: { own: '40318', charged: false, cite: QUEUE_FULL },
  }),
  expiry: {
    defaultSeconds: 14_400,
    minSeconds: 1,
    maxSeconds: 14_400,
    cite: assumed('no Telnyx page read gives a validity period; the 4 h queue limit is used as default and maximum'),
  },
  maxLength: assumedMaxLength('Telnyx'),
  count: { account: 'messages', sender: 'messages', carrier: 'messages', dailyCaps: 'messages', cite: RATE },
  tollFreeBlock: {
    fromEpochMs: Date.UTC(2024, 0, 31),
    label: '2024-01-31',
    cite: assumed('the industry-wide date (Plivo FAQ, Twilio error 30032); no Telnyx page read states it'),
  },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'sender_any_type', text: 'A sender limit applies to SMS and MMS alike (the page gives one rate per sender type).', setting: 'numbers[].limits' },
    { id: 'tpm_other_carriers', text: 'T-Mobile, Verizon and minor carriers get the AT&T TPM table (the page gives TPM for AT&T only).', setting: 'rules: { tpm: { tmobile: 4500, verizon: 4500 } }' },
    { id: 'mms_10dlc', text: '10DLC MMS: 50 per minute per number per carrier (the page gives AT&T MMS TPM per campaign, not modelled).', setting: 'rules: { mms_10dlc: 50/min }' },
    { id: 'queue_full_charged', text: 'Messages rejected for a full queue (40318) are not charged (the page does not say).', setting: 'rules: { charged: { queue_full: true } }' },
    { id: 'verizon_scope', text: 'Verizon TPM is per brand (the page states AT&T per campaign and T-Mobile caps per brand).', setting: 'rules: { tpm_scope: { verizon: campaign } }' },
  ],
};
