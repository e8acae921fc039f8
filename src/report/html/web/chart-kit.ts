/**
 * What the report's charts share in the browser: the shape of a chart's spec, the colours
 * of the current colour scheme and the number format of legends and notes.
 */
import type UPlot from 'uplot';
import { CHART_COLOURS } from '../palette.js';

/** One line (or the bars) of a chart. */
export interface Line {
  readonly label: string;
  readonly color: string;
  /** Stroke width, px; 1.5 when absent. */
  readonly width?: number;
  readonly dash?: number[];
  readonly fill?: string;
  readonly paths?: UPlot.Series.PathBuilder;
}

/** A chart to draw: its section's texts, its lines and their columns (x first). */
export interface ChartSpec {
  readonly empty?: false;
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly yLabel: string;
  readonly lines: Line[];
  readonly data: [number[], ...(number | null)[][]];
  /** A histogram: x is not time, the cursor is not shared with the time charts. */
  readonly histogram?: boolean;
  /** The scales; null or absent: uPlot's, with x as time (or not, for a histogram). */
  readonly scales?: UPlot.Scales | null;
  /** Tick labels and steps of the x axis; absent: the scenario's clock. */
  readonly xValues?: UPlot.Axis.DynamicValues;
  readonly xIncrs?: number[];
  /** The legend's text of an x value; absent: the time and the time since start. */
  readonly xLegend?: (u: UPlot, v: number) => string;
  /** Plot height, px; 260 when absent. */
  readonly height?: number;
  readonly hooks?: { readonly draw: ((u: UPlot) => void)[] };
}

/** A chart with nothing to draw: its section says why. */
export interface EmptyChart {
  readonly empty: true;
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export type Chart = ChartSpec | EmptyChart;

/** Matches while the page is dark; the charts are drawn again when it changes. */
export const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');

function mode(): 'dark' | 'light' {
  return darkScheme.matches ? 'dark' : 'light';
}

/** A CSS custom property of the page (`--fg`, `--muted`, ...), in the current scheme. */
export function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The i-th colour of the palette, cycling. */
export function color(i: number): string {
  const p = CHART_COLOURS[mode()].palette;
  return p[i % p.length];
}

/** A carrier's own colour; the palette's first for one without. */
export function carrierColor(c: string | null): string {
  return (CHART_COLOURS[mode()].carriers as Record<string, string | undefined>)[c as string] || color(0);
}

/** A number as the legends say it: en-US grouping, at most two decimals; – for none. */
export function fmtNum(v: number | null): string {
  if (v == null || isNaN(v)) return '\u2013';
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
