/**
 * Colours of the report's charts: the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008), which stays distinguishable with the common colour-vision deficiencies.
 * Each carrier has its own hue (T-Mobile reddish purple, Verizon vermillion: never two
 * reds); dark mode swaps the colours that vanish on a dark background. Bundled into the
 * report's script (web/chart-kit.ts) and the playground's.
 */

/** The eight Okabe–Ito colours (plus the grey commonly used with them). */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
  white: '#FFFFFF',
} as const;

const o = OKABE_ITO;

/** Per colour scheme: one colour per carrier, and a palette for other series, in order. */
export const CHART_COLOURS = {
  light: {
    carriers: { att: o.blue, tmobile: o.reddishPurple, verizon: o.vermillion, other: o.black },
    palette: [o.blue, o.orange, o.bluishGreen, o.reddishPurple, o.vermillion, o.skyBlue, o.black, o.yellow],
  },
  dark: {
    carriers: { att: o.skyBlue, tmobile: o.reddishPurple, verizon: o.vermillion, other: o.grey },
    palette: [o.skyBlue, o.orange, o.bluishGreen, o.reddishPurple, o.vermillion, o.yellow, o.white, o.grey],
  },
} as const;
