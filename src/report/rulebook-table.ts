/**
 * `a2psim rules [--provider X]`: a provider's rules as a user reads them — each table row
 * with where its number comes from, every assumption marked and how to change it. By
 * default it fits 80 columns (sources are numbered, listed with URL and date at the end;
 * a URL is never broken); `wide` puts the whole source on every row.
 */
import { COMMON_ASSUMPTIONS } from '../rules/assumptions.js';
import { FAILURE_CODES } from '../rules/codes.js';
import type { Cite, Provider, RateRow } from '../rules/provider.js';
import { CARRIER_MIX } from '../rules/carrier-mix.js';
import { CARRIER_TITLES } from '../rules/vocabulary.js';

/** How to print the rulebook. */
export interface RulebookOptions {
  /** Every column, the whole source on each row; lines may be longer than 80 characters. */
  readonly wide?: boolean;
  /** Columns the prose fits unless `wide` (the tables' rows and URLs excepted); default {@link RULES_WIDTH}. */
  readonly width?: number;
}

/** Width the default output fits (URLs excepted: they are never broken). */
export const RULES_WIDTH = 80;

const int = (n: number): string => n.toLocaleString('en-US');
const scores = (min: number, max: number): string => (min === max ? `${min}` : `${min}–${max}`);

function rate(r: RateRow | '10dlc' | 'account' | null, p: Provider, mms: boolean): string {
  if (r === null) return 'not supported';
  if (r === 'account') return 'up to account';
  if (r === '10dlc') return mms ? '10DLC MMS (below)' : 'brand TPM (below)';
  if (r.count < 1) return `${r.count}/s (1 per ${1 / r.count} s)`;
  return `${int(r.count)}/${r.per === 'second' ? 's' : 'min'}`;
}

/** A source in one line: its name, URL and date read, or why it is assumed. */
export function citeText(c: Cite): string {
  if (c.assumption !== null) return `assumed: ${c.assumption}`;
  const quote = c.quote === undefined ? '' : `: "${c.quote}"`;
  return c.url === null ? c.text : `${c.text}, ${c.url} (read ${c.read})${quote}`;
}

/** A titled table whose rows each cite a source. */
interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly cites: readonly Cite[];
  readonly notes?: readonly string[];
  /** Column indices shown only with --wide. */
  readonly wideOnly?: readonly number[];
}

/** Pads cells into left-aligned columns two spaces apart, indented by two. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => ('  ' + r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  ')).trimEnd());
}

/** Wraps `text` at spaces to `width`, continuation lines indented by `indent`; leading spaces kept. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? line + word : `${line} ${word}`;
    if ([...next].length > width && line.trim() !== '') {
      out.push(line);
      line = indent + word;
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') out.push(line);
  return out;
}

/** Numbers the distinct sources of the narrow output, in order of first use. */
class References {
  readonly list: Cite[] = [];
  ref(c: Cite): string {
    let i = this.list.findIndex((x) => citeText(x) === citeText(c));
    if (i < 0) i = this.list.push(c) - 1;
    return `[${i + 1}]${c.assumption !== null ? '*' : ''}`;
  }
}

function renderSection(s: Section, wide: boolean, refs: References, width: number, tableRows: Set<string>): string[] {
  // The narrow table leaves out the columns marked wideOnly (the failure reasons).
  const keep = s.head.map((_, i) => wide || !(s.wideOnly ?? []).includes(i));
  const head = [...s.head.filter((_, i) => keep[i]), wide ? 'source' : 'src'];
  const rows = s.rows.map((r, i) => [...r.filter((_, j) => keep[j]), wide ? citeText(s.cites[i]) : refs.ref(s.cites[i])]);
  const table = columns([head, ...rows]);
  for (const l of table) tableRows.add(l);
  const out = [s.title, ...table];
  for (const n of s.notes ?? []) out.push(...wrap(`  ${n}`, wide ? Infinity : width, '    '));
  return out;
}

/** The default destination carrier mix per country: every row an assumption (no source gives shares). */
function carrierMixSection(): Section {
  return {
    title: 'Destination carrier mix by country, unless a traffic or the scenario gives one',
    head: ['destination', 'att', 'tmobile', 'verizon', 'other'],
    rows: CARRIER_MIX.map((r) => [r.country === '*' ? 'any other' : r.country, ...(['att', 'tmobile', 'verizon', 'other'] as const).map((c) => String(r.mix[c]))]),
    cites: CARRIER_MIX.map((r) => ({ text: 'a2psim', url: null, read: null, assumption: r.source })),
  };
}

/** The sections of a provider's rules, in the order a message meets them. */
function sections(p: Provider): Section[] {
  const { account, expiry, queueMaxWait } = p;
  const per = (c: (typeof p.count)['account']) => (c === 'units' ? 'segments' : 'messages');
  const queued = queueMaxWait.countBy === 'units' ? 'segments' : 'messages';
  const maxWait = queueMaxWait.seconds === null ? 'none' : `${int(queueMaxWait.seconds)} s of ${queued}`;
  const pools = p.accountPools.map((a) => [`${a.message.toUpperCase()} of ${a.types.join(', ')}`, a.rate === null ? 'no account limit' : `${rate(a.rate, p, false)} (own pool)`]);
  const byDest = p.numbers.flatMap((r) =>
    (r.byDestination ?? []).map((d) => ({ row: [`${r.country}→${d.to.join('/')}`, r.type, rate(d.sms, p, false), rate(d.mms, p, true)], cite: d.cite })),
  );
  const tf = p.tollFreeBlockRestricted;
  const tfRows =
    tf === undefined
      ? [['US/CA', 'unverified TF', `blocked from ${p.tollFreeBlock.label}`, 'blocked']]
      : [
          ['US/CA', 'restricted TF', `blocked from ${tf.label}`, 'blocked'],
          ['US/CA', 'pending TF', `blocked from ${p.tollFreeBlock.label}`, 'blocked'],
        ];
  const tfCites = tf === undefined ? [p.tollFreeBlock.cite] : [tf.cite, p.tollFreeBlock.cite];
  const tpmNotes = [
    ...(['att', 'tmobile', 'verizon', 'other'] as const).flatMap((c) => {
      const basis = p.tpmBasis[c];
      return basis === undefined ? [] : [`${c}: ${citeText(basis)}`];
    }),
    ...(['att', 'tmobile', 'verizon', 'other'] as const).flatMap((c) => {
      const cap = p.tpmCap[c];
      return cap === undefined ? [] : [`${c}: at most ${int(cap.tpm)} per minute whatever the table says. Source: ${citeText(cap.cite)}`];
    }),
  ];
  const scope = (['att', 'tmobile', 'verizon', 'other'] as const).map((c) => `${c} ${p.tpmScope.value[c]}`).join(', ');
  return [
    {
      title: 'Account limits (every message passes them first)',
      head: ['limit', 'default'],
      rows: [
        ['SMS per second', `${rate(account.sms, p, false)} (${per(p.count.account)})`],
        ['MMS per second', rate(account.mms, p, true).replace(' per carrier', '')],
        ['over the limit', p.overLimit.text],
        ['longest queue', maxWait],
        ['message expiry', `${int(expiry.defaultSeconds)} s; settable ${int(expiry.minSeconds)}..${int(expiry.maxSeconds)} s`],
        ...pools,
      ],
      cites: [account.sms.cite, account.mms.cite, p.overLimit.cite, queueMaxWait.cite, expiry.cite, ...p.accountPools.map((a) => a.cite)],
    },
    {
      title: `Per-number limits (counting ${per(p.count.sender)})`,
      head: ['country', 'number type', 'SMS', 'MMS'],
      rows: [
        ...p.numbers.map((r) => [
          r.country,
          r.type,
          r.tenDlcPerNumber === undefined ? rate(r.sms, p, false) : `${rate(r.tenDlcPerNumber, p, false)} + TPM (below)`,
          rate(r.mms, p, true),
        ]),
        ...byDest.map((d) => d.row),
        ['US', '10DLC MMS', '-', `${rate(p.mms10dlc, p, true)} per ${p.mms10dlc.perCarrier ? 'carrier' : 'number'}`],
        ...tfRows,
      ],
      cites: [...p.numbers.map((r) => r.cite), ...byDest.map((d) => d.cite), p.mms10dlc.cite, ...tfCites],
      notes: [
        p.mms10dlc.perCarrier
          ? '10DLC MMS: per number and per carrier. Before the block date an unverified toll-free number sends under the normal limits (with a warning).'
          : '10DLC MMS: per number, whatever the carrier. Before the block date an unverified toll-free number sends under the normal limits (with a warning); set verification: restricted | pending | verified on a number.',
      ],
    },
    {
      title: `US 10DLC SMS per minute (TPM) per carrier, counting ${per(p.count.carrier)}`,
      head: ['use case', 'vetting score', 'TPM'],
      rows: p.tpm.map((r) => [
        r.useCases.join(', ') + (r.minScore === 0 && r.maxScore === 0 ? ' (vetting skipped)' : ''),
        scores(r.minScore, r.maxScore),
        int(r.tpm),
      ]),
      cites: p.tpm.map((r) => r.cite),
      notes: [`Scope: ${scope} (brand: shared by the brand's campaigns). Source: ${citeText(p.tpmScope.cite)}`, ...tpmNotes],
    },
    ...p.caps.map((c) => ({
      title: `${CARRIER_TITLES[c.carrier]} daily cap per brand, SMS + MMS (${per(p.count.dailyCaps)}), day in ${c.zone}`,
      head: ['vetting score', 'per day'],
      rows: c.tpd.map((r) => [scores(r.minScore, r.maxScore), int(r.tpd)]),
      cites: c.tpd.map((r) => r.cite),
      notes: [`Once the day is used up, further messages to ${CARRIER_TITLES[c.carrier]} fail at once.`],
    })),
    {
      title: `Failure codes (a2psim's names, and ${p.name}'s own code where it has one)`,
      head: ['code', p.name, 'charged', 'reason'],
      rows: FAILURE_CODES.map((c) => {
        const rule = p.codes[c.code];
        return [c.code, rule.own ?? '-', rule.charged ? 'yes' : 'no', c.reason];
      }),
      cites: FAILURE_CODES.map((c) => p.codes[c.code].cite),
      wideOnly: [3],
      notes: ['Charged or not: change it with rules: { charged: { CODE: true } }. --wide shows each reason.'],
    },
  ];
}

/** The rules of provider `p` as text; fits {@link RULES_WIDTH} columns unless `wide`. */
export function renderRulebook(options: RulebookOptions, p: Provider): string {
  const wide = options.wide === true;
  const width = options.width ?? RULES_WIDTH;
  const refs = new References();
  const out: string[] = [...wrap(p.about, wide ? Infinity : width), 'Every value can be changed in a scenario.'];
  if (!wide) out.push('Sources are numbered [n] and listed at the end; * marks an assumption.', 'a2psim rules --wide puts the source on every row.');
  // Lines of the tables: laid out by columns(), never word-wrapped.
  const tableRows = new Set<string>();
  for (const s of [...sections(p), carrierMixSection()]) out.push('', ...renderSection(s, wide, refs, width, tableRows));
  out.push('', 'Assumptions (where no source says, a2psim chooses)');
  for (const a of [...COMMON_ASSUMPTIONS, ...p.assumptions]) {
    out.push(...wrap(`  - ${a.text}`, wide ? Infinity : width, '    '));
    out.push(a.setting === null ? '    (built into the model)' : `    change it: ${a.setting}`);
  }
  out.push(
    '',
    'Warnings a run prints',
    `  - a campaign linked to more than ${p.numberPoolThreshold} numbers (T-Mobile Number Pool Request)`,
    '  - a toll-free number without verified: true',
    '  - a US long code linked to no campaign (its messages fail)',
    '  - an assumed value that decides the answer (each says how to set it)',
  );
  if (!wide) {
    out.push('', 'Sources');
    refs.list.forEach((c, i) => {
      const tag = `  [${i + 1}]${c.assumption !== null ? '*' : ''} `;
      if (c.assumption !== null) out.push(...wrap(`${tag}assumed: ${c.assumption}`, width, '      '));
      else {
        out.push(...wrap(`${tag}${c.text}`, width, '      '));
        if (c.url !== null) out.push(`      ${c.url} (read ${c.read})`);
        if (c.quote !== undefined) out.push(...wrap(`      "${c.quote}"`, width, '       '));
      }
    });
  }
  if (wide) return out.join('\n') + '\n';
  // Every other line (titles, notes, how to change a value) wraps at the width, its
  // continuation indented; a URL line is never broken.
  const keep = (l: string): boolean => [...l].length <= width || tableRows.has(l) || /https?:\/\//.test(l);
  const fitted = out.flatMap((l) => (keep(l) ? [l] : wrap(l, width, `${/^ */.exec(l)![0]}  `)));
  return fitted.join('\n') + '\n';
}
