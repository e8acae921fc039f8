/**
 * AWS End User Messaging SMS, from its user guide (read 2026-12-06). AWS measures
 * throughput in message parts per second (MPS) by origination type and country; a 10DLC
 * number sends 1 MPS until an increase is requested. Values no page states are
 * assumptions, flagged and settable.
 */
import { TMOBILE_CAPS_CITE, tpdTable, tpmTable, tmobileCap } from '../carriers.js';
import { assumed, assumedMaxLength, codeTable, page, type Provider } from '../provider.js';

const READ = '2026-12-06';
const MPS_URL = 'https://docs.aws.amazon.com/sms-voice/latest/userguide/sms-limitations-mps.html';
const MPS = page(
  'AWS "What are the Message Parts per Second (MPS) limits" (by origination type and country)',
  MPS_URL,
  READ,
  'if you use a United States short code to send messages to recipients in the US, you can send 100 MPS. However, if you use a US toll-free number to send to US recipients, you are throttled to only send 3 MPS.',
);
const SHORT_CODE = page('AWS "What are the Message Parts per Second (MPS) limits" (short codes: US and CA, SMS 100 MPS, MMS 40 MPS)', MPS_URL, READ);
const LONG_CODE = page(
  'AWS "What are the Message Parts per Second (MPS) limits" (long codes: US 10DLC default 1 MPS per number until an increase, MMS 1 MPS; Canada 1 MPS)',
  MPS_URL,
  READ,
);
const PARTS = page(
  'AWS "What are the Message Parts per Second (MPS) limits" (limits count message parts)',
  MPS_URL,
  READ,
  'SMS throughput limits, also referred to as throttling, are measured in Message Parts per Second (MPS)',
);
const TTL = page(
  'AWS SendTextMessage TimeToLive ("By default this is 72 hours")',
  'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/pinpointsmsvoicev2/aws.sdk.kotlin.services.pinpointsmsvoicev2.model/-send-text-message-request/time-to-live.html',
  READ,
  'How long the text message is valid for, in seconds. By default this is 72 hours.',
);
const NOT_STATED = assumed('no AWS page read says whether it is charged');
const NO_ACCOUNT_MPS = assumed('no AWS page read gives an account-wide message rate (the quotas page lists API requests per second); 10,000/s so that the number limits decide');
const CARRIER_TPM = assumed('AWS gives 1 MPS per 10DLC number, not the carriers\' TPM; the carriers\' table (Plivo FAQ) applies on top');

export const AWS: Provider = {
  id: 'aws',
  name: 'AWS',
  about: `AWS End User Messaging SMS, from its user guide (read ${READ}); limits count message parts.`,
  account: { sms: { count: 10_000, per: 'second', cite: NO_ACCOUNT_MPS }, mms: { count: 10_000, per: 'second', cite: NO_ACCOUNT_MPS } },
  accountPools: [],
  overLimit: { text: 'throttled (queued at the origination number\'s MPS)', cite: MPS },
  queueMaxWait: { seconds: null, cite: assumed('no AWS page read gives a queue length; queues are unbounded, messages expire by TimeToLive') },
  numbers: [
    { country: 'US', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: MPS },
    { country: 'US', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 40, per: 'second' }, verify: false, cite: SHORT_CODE },
    { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, tenDlcPerNumber: { count: 1, per: 'second' }, cite: LONG_CODE },
    { country: 'CA', type: 'long_code', sms: { count: 1, per: 'second' }, mms: { count: 1, per: 'second' }, verify: false, cite: LONG_CODE },
    { country: 'CA', type: 'toll_free', sms: { count: 3, per: 'second' }, mms: { count: 3, per: 'second' }, verify: true, cite: assumed('the page says toll-free numbers are only available in the US; the US rate is used') },
    { country: 'CA', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 40, per: 'second' }, verify: false, cite: SHORT_CODE },
  ],
  mms10dlc: { count: 1, per: 'second', perCarrier: false, cite: LONG_CODE },
  tpm: tpmTable(CARRIER_TPM, CARRIER_TPM, CARRIER_TPM),
  tpmBasis: {},
  tpmCap: {},
  tpmScope: { value: { att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' }, cite: assumed('no AWS page read says; as Telnyx: AT&T per campaign') },
  caps: [tmobileCap(tpdTable(TMOBILE_CAPS_CITE, assumed('score 0 is in no table read; the lowest tier is used')), TMOBILE_CAPS_CITE)],
  codes: codeTable(NOT_STATED, {
    '420': { own: 'TTL_EXPIRED', charged: false, cite: TTL },
    queue_full: { own: null, charged: false, cite: assumed('queues are unbounded: never rejected for a full queue') },
  }),
  expiry: { defaultSeconds: 259_200, minSeconds: 5, maxSeconds: 259_200, cite: TTL },
  maxLength: assumedMaxLength('AWS'),
  count: { account: 'units', sender: 'units', carrier: 'units', dailyCaps: 'units', cite: PARTS },
  tollFreeBlock: {
    fromEpochMs: Date.UTC(2024, 0, 31),
    label: '2024-01-31',
    cite: assumed('the page requires toll-free registration to send; the industry-wide date (Plivo FAQ, Twilio error 30032) is used'),
  },
  numberPoolThreshold: 49,
  assumptions: [
    { id: 'account_mps', text: 'No account-wide message rate: 10,000/s, so the number limits decide.', setting: 'account: { mps: { sms: 20 } }' },
    { id: 'tpm_10dlc', text: 'A 10DLC number sends 1 MPS (AWS) and the carriers\' TPM table (Plivo FAQ) applies on top.', setting: 'numbers[].limits.sms, rules: { tpm: { att: 4500 } }' },
    { id: 'expiry_range', text: 'TimeToLive is settable 5..259,200 s (72 h, the default, taken as the maximum).', setting: 'traffic[].expiry' },
  ],
};
