/**
 * The playground's controls, derived from the scenario's YAML document: account MPS,
 * vetting score, each number pool's count, each traffic's rate or count and expiry (in the provider's
 * range), and the provider. A knob rewrites only the value's characters in the text
 * (comments and layout kept), so the YAML stays the single source of truth. Pure; no DOM.
 */
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { DEFAULT_PROVIDER, PROVIDER_IDS, PROVIDERS, type ProviderId } from '../rules/providers.js';

/** One control: a number at `path` in the document. */
export interface Knob {
  /** Stable id (the path joined with "."), used for the control's element id. */
  readonly id: string;
  readonly label: string;
  readonly path: readonly (string | number)[];
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /**
   * How the number is written back: as a number, or into the text around it (`"3/s"`
   * keeps its `/s`).
   */
  readonly prefix: string;
  readonly suffix: string;
  /** Text shown after the value, e.g. "per s" or "s". */
  readonly unit: string;
  /**
   * True when the YAML does not write the value: the knob shows the default the scenario
   * gets (the provider's account MPS, no secondary vetting), and setting it adds the key.
   */
  readonly isDefault?: boolean;
}

const NUMBER_IN_TEXT = /^(\s*)(\d+(?:\.\d+)?)(.*)$/s;
const UNIT_WORDS: Record<string, string> = { s: 'per s', sec: 'per s', min: 'per min', m: 'per min', h: 'per h', hour: 'per h', day: 'per day', d: 'per day' };

type Path = (string | number)[];

/** A knob for the number (or "N/unit" text) at `path`; null when there is none there. */
function numberKnob(doc: Document, path: Path, label: string, range: { min: number; max?: number; unit?: string; integer?: boolean }): Knob | null {
  let node = doc.getIn(path, true);
  if (isMap(node) && node.has('rate')) {
    path = [...path, 'rate'];
    node = doc.getIn(path, true);
  }
  if (!isScalar(node)) return null;
  const raw = node.value;
  let value: number;
  let prefix = '';
  let suffix = '';
  let unit = range.unit ?? '';
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const m = NUMBER_IN_TEXT.exec(raw);
    if (m === null) return null;
    [, prefix, , suffix] = m;
    value = Number(m[2]);
    const per = /^\s*\/\s*(\w+)\s*$/.exec(suffix);
    if (per !== null) unit = UNIT_WORDS[per[1]] ?? `per ${per[1]}`;
  } else return null;
  if (!Number.isFinite(value)) return null;
  const integer = range.integer ?? Number.isInteger(value);
  const step = integer ? 1 : value < 1 ? 0.05 : 0.5;
  const max = range.max ?? niceMax(Math.max(value * 4, 10));
  return { id: path.join('.'), label, path, value, min: range.min, max: Math.max(max, value), step, prefix, suffix, unit };
}

/** A knob for a value the YAML leaves to its default (see {@link Knob.isDefault}). */
function defaultKnob(path: Path, label: string, value: number, range: { min: number; max: number; unit: string }): Knob {
  const step = Number.isInteger(value) ? 1 : 0.05;
  return { id: path.join('.'), label, path, value, min: range.min, max: Math.max(range.max, value), step, prefix: '', suffix: '', unit: range.unit, isDefault: true };
}

/** 1, 2 or 5 times a power of ten, at least `x`. */
function niceMax(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= x) ?? 10 * p;
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
}

/** The knobs of a scenario document, in the order the page shows them. */
export function knobsOf(doc: Document): Knob[] {
  const out: (Knob | null)[] = [];
  const expiry = PROVIDERS[providerOf(doc)].expiry;
  // Always shown: the default the scenario gets when its YAML does not write them.
  const sms = PROVIDERS[providerOf(doc)].account.sms;
  out.push(
    numberKnob(doc, ['account', 'mps', 'sms'], 'Account MPS (SMS)', { min: 1, unit: 'per s' }) ??
      defaultKnob(['account', 'mps', 'sms'], 'Account MPS (SMS)', sms.per === 'second' ? sms.count : sms.count / 60, { min: 1, max: 50, unit: 'per s' }),
  );
  out.push(
    numberKnob(doc, ['brand', 'vetting_score'], 'Vetting score', { min: 0, max: 100, integer: true }) ??
      defaultKnob(['brand', 'vetting_score'], 'Vetting score', 0, { min: 0, max: 100, unit: '' }),
  );
  const numbers = doc.get('numbers', true);
  if (isSeq(numbers)) {
    numbers.items.forEach((n, i) => {
      if (isMap(n) && n.has('count')) out.push(numberKnob(doc, ['numbers', i, 'count'], `Pool ${str(n.get('id'), String(i + 1))}: numbers`, { min: 1, integer: true }));
    });
  }
  const traffic = doc.get('traffic', true);
  if (isSeq(traffic)) {
    traffic.items.forEach((t, i) => {
      if (!isMap(t)) return;
      const name = str(t.get('name'), `traffic ${i + 1}`);
      const arrival = t.get('arrival', true);
      const kind = isMap(arrival) ? arrival.get('kind') : undefined;
      if (kind === 'burst') out.push(numberKnob(doc, ['traffic', i, 'arrival', 'count'], `${name}: burst count`, { min: 0, integer: true, unit: 'messages' }));
      if (kind === 'constant' || kind === 'poisson') out.push(numberKnob(doc, ['traffic', i, 'arrival', 'rate'], `${name}: rate`, { min: 0.05, unit: 'per s' }));
      if (kind === 'ramp') out.push(numberKnob(doc, ['traffic', i, 'arrival', 'to'], `${name}: ramp to`, { min: 0.05, unit: 'per s' }));
      if (t.has('expiry')) out.push(numberKnob(doc, ['traffic', i, 'expiry'], `${name}: expiry`, { min: expiry.minSeconds, max: expiry.maxSeconds, integer: true, unit: 's' }));
    });
  }
  return out.filter((k): k is Knob => k !== null);
}

/**
 * The YAML `text` (parsed as `doc`) with `value` written at the knob's place, in the form
 * it was written (`3/s` stays `N/s`, quotes stay): only the value's own characters change,
 * so comments, flow style and spacing stay byte for byte.
 */
export function setKnob(text: string, doc: Document, knob: Knob, value: number): string {
  // A value the YAML leaves to its default: added as a block at the end (the text above is kept byte for byte).
  if (doc.getIn(knob.path, true) === undefined && isMap(doc.contents) && !doc.contents.flow && !doc.has(knob.path[0])) {
    const block = knob.path.length === 3 ? `${knob.path[0]}:\n  ${knob.path[1]}: { ${knob.path[2]}: ${value} }\n` : `${knob.path[0]}:\n  ${knob.path[1]}: ${value}\n`;
    return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block}`;
  }
  const literal = knob.prefix === '' && knob.suffix === '' ? String(value) : `${knob.prefix}${value}${knob.suffix}`;
  const node = doc.getIn(knob.path, true);
  if (isScalar(node) && node.range) {
    const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
    const [from, to] = node.range;
    return text.slice(0, from) + quote + literal + quote + text.slice(to);
  }
  doc.setIn(knob.path, knob.prefix === '' && knob.suffix === '' ? value : literal);
  return doc.toString({ lineWidth: 0 });
}

/** The provider the scenario names (`provider:`), or the default one. */
export function providerOf(doc: Document): ProviderId {
  const p = doc.get('provider');
  return (PROVIDER_IDS as readonly unknown[]).includes(p) ? (p as ProviderId) : DEFAULT_PROVIDER;
}

/** Every provider id, for the provider control. */
export const PROVIDER_CHOICES: readonly ProviderId[] = PROVIDER_IDS;

/**
 * The YAML `text` (parsed as `doc`) with `provider:` set to `id`: the value's characters
 * replaced when it is written, else a `provider:` line added at the end of a block map.
 */
export function setProvider(text: string, doc: Document, id: ProviderId): string {
  const node = doc.get('provider', true);
  if (isScalar(node) && node.range) return text.slice(0, node.range[0]) + id + text.slice(node.range[1]);
  if (isMap(doc.contents) && !doc.contents.flow) return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}provider: ${id}\n`;
  doc.set('provider', id);
  return doc.toString({ lineWidth: 0 });
}
