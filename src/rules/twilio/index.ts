/**
 * Twilio, from its public docs and support pages (read 2026-11-27; MMS, toll-free and
 * Canadian numbers re-read 2026-12-06). Twilio counts its
 * limits in message segments. The 10DLC throughput per carrier by trust score is published
 * only by third parties: it is an assumption, flagged and settable.
 */
import { TMOBILE_CAPS_CITE, tpdTable, tpmTable, tmobileCap } from '../carriers.js';
import { assumed, assumedMaxLength, codeTable, page, type Provider } from '../provider.js';

const READ = '2026-11-27';
/** Pages re-read for issue 21, each number with the sentence it rests on. */
const READ2 = '2026-12-06';
const MMS_ACCOUNT_URL = 'https://support.twilio.com/hc/en-us/articles/360034954613-Twilio-Multimedia-Messaging-MMS-Account-Rate-Limits';
const MMS_ACCOUNT = page(
  'Twilio "Multimedia Messaging (MMS) Account Rate Limits" (long-code MMS 50/s per account, parent and subaccounts)',
  MMS_ACCOUNT_URL,
  READ2,
  'Twilio Account (Parent Project and all Subaccounts) 50',
);
const MMS_NUMBER = page(
  'Twilio "Multimedia Messaging (MMS) Account Rate Limits" (1 MMS/s per long code, whatever the carrier)',
  MMS_ACCOUNT_URL,
  READ2,
  'Twilio US & CA long code number 1',
);
const MMS_SHORT_CODE = page(
  'Twilio "Multimedia Messaging (MMS) Account Rate Limits" (no short code MMS rate limit)',
  MMS_ACCOUNT_URL,
  READ2,
  'Twilio currently does not impose a rate limit on short code MMS messaging.',
);
const TF_MMS_ACCOUNT = page(
  'Twilio "Toll-Free SMS and MMS messaging throughput (MPS)" (toll-free MMS 25/s per account)',
  'https://support.twilio.com/hc/en-us/articles/4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS',
  READ2,
  'There is a default account-level limit of 25 MPS (messages per second) for Toll-Free MMS.',
);
const COMPARISON_URL =
  'https://support.twilio.com/hc/en-us/articles/360038173654-Comparison-of-SMS-messaging-in-the-US-and-Canada-for-long-codes-short-codes-and-toll-free-phone-numbers';
const CA_LONG_CODE = page(
  'Twilio "Comparison of SMS messaging in the US and Canada" (long code 1 SMS segment/s; MMS 1/s per US & CA long code, MMS page)',
  COMPARISON_URL,
  READ2,
  "SMS throughput | 1 SMS segment per second, can't be increased.",
);
const CA_SHORT_CODE = page(
  'Twilio Canada short code guidelines (100 messages/s by default; MMS on short codes US only, comparison page)',
  'https://www.twilio.com/en-us/guidelines/ca/short-code',
  READ2,
  'Short codes are ideal for high-throughput (100 messages per second by default) programmatic messaging.',
);
const TF_VERIFICATION_URL = 'https://twilio.com/en-us/blog/developer-guide-to-toll-free-verification';
const TF_PENDING = page(
  'Twilio "Developer Guide to Toll-Free Verification" (Pending numbers blocked from 2024-01-31)',
  TF_VERIFICATION_URL,
  READ2,
  'starting January 31, 2024, messages sent through a Pending toll-free number will be blocked and subject to messaging fees.',
);
const TF_RESTRICTED = page(
  'Twilio "Developer Guide to Toll-Free Verification" (Restricted numbers blocked from 2023-11-08)',
  TF_VERIFICATION_URL,
  READ2,
  'as of November 8, 2023, verification will be required for all Restricted (formerly called "Unverified") toll-free phone numbers before they can be used for messaging',
);
const MINOR_CARRIERS = assumed(
  'third-party copies only (help.justcall.io/en/articles/8601354, read 2026-12-06): minor US carriers get "the MPS rate you receive toward each major network, with a maximum of 10 MPS" = 600 per minute',
);
const QUEUE = page('Twilio error 30001 "Queue overflow" (10 h of messages)', 'https://www.twilio.com/docs/api/errors/30001', READ);
const SENDER = page('Twilio error 21611 (long code 1 segment/s, short code 100+)', 'https://www.twilio.com/docs/api/errors/21611', READ);
const TOLL_FREE = page(
  'Twilio "Toll-Free SMS and MMS messaging throughput (MPS)"',
  'https://support.twilio.com/hc/en-us/articles/4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS',
  READ,
);
const ACCOUNT = page('Twilio error 63017 (2,000 messages per second per account)', 'https://www.twilio.com/docs/api/errors/63017', READ);
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
  account: { sms: { count: 2000, per: 'second', cite: ACCOUNT }, mms: { count: 50, per: 'second', cite: MMS_ACCOUNT } },
  accountPools: [
    { name: 'toll_free', types: ['toll_free'], message: 'mms', rate: { count: 25, per: 'second' }, cite: TF_MMS_ACCOUNT },
    { name: 'short_code', types: ['short_code'], message: 'mms', rate: null, cite: MMS_SHORT_CODE },
  ],
  overLimit: { text: 'queued; past 10 h of queue fails (30001)', cite: QUEUE },
  queueMaxWait: { seconds: 36_000, cite: QUEUE },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: TOLL_FREE },
    { country: 'US', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 100, per: 'second' }, verify: false, cite: SENDER },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, cite: THIRD_PARTY_10DLC },
    { country: 'CA', type: 'long_code', sms: { count: 1, per: 'second' }, mms: { count: 1, per: 'second' }, verify: false, cite: CA_LONG_CODE },
    { country: 'CA', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: TOLL_FREE },
    { country: 'CA', type: 'short_code', sms: { count: 100, per: 'second' }, mms: null, verify: false, cite: CA_SHORT_CODE },
  ],
  mms10dlc: { count: 1, per: 'second', perCarrier: false, cite: MMS_NUMBER },
  tpm: tpmTable(THIRD_PARTY_10DLC, assumed('third-party copies only: Low Volume 1.25 segments/s per carrier = 75 per minute'), THIRD_PARTY_10DLC),
  tpmBasis: {},
  tpmCap: { other: { tpm: 600, cite: MINOR_CARRIERS } },
  tpmScope: { value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' }, cite: assumed('no Twilio page read says; as Telnyx: AT&T per campaign') },
  caps: [tmobileCap(tpdTable(
    TMOBILE_CAPS_CITE,
    assumed('score 0 is in no table read; the lowest tier is used'),
  ), TPD)],
  codes: codeTable(NOT_STATED, {
    '420': { own: '30036', charged: false, cite: page('Twilio error 30036 "Validity Period Expired"', 'https://www.twilio.com/docs/api/errors/30036.md', READ) },
    toll_free_unverified: { own: '30032', charged: true, cite: TF_BLOCK },
    queue_full: { own: '30001', charged: false, cite: QUEUE },
  }),
  expiry: { defaultSeconds: 36_000, minSeconds: 1, maxSeconds: 36_000, cite: VALIDITY },
  maxLength: assumedMaxLength('Twilio'),
  count: {
    account: 'messages',
    sender: 'units',
    carrier: 'units',
    dailyCaps: 'units',
    cite: page('Twilio error 21611 ("one message segment per second")', 'https://www.twilio.com/docs/api/errors/21611', READ),
  },
  tollFreeBlock: { fromEpochMs: Date.UTC(2024, 0, 31), label: '2024-01-31', cite: TF_PENDING },
  tollFreeBlockRestricted: { fromEpochMs: Date.UTC(2023, 10, 8), label: '2023-11-08', cite: TF_RESTRICTED },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'tpm_10dlc', text: '10DLC throughput per carrier by trust score comes from third-party copies, not a Twilio page.', setting: 'rules: { tpm: { att: 4500 } }' },
    { id: 'minor_carriers', text: 'Minor carriers ("other") get at most 10 MPS (600 per minute), from third-party copies of Twilio\'s table.', setting: 'rules: { tpm: { other: 4500 } }' },
    { id: 'queue_charged', text: 'Messages rejected for a full queue (30001) are not charged.', setting: 'rules: { charged: { queue_full: true } }' },
    { id: 'queue_messages', text: 'The 10 h queue is measured in messages at the queue\'s rate (Twilio measures segments).', setting: null },
  ],
};
