/**
 * uPlot in the report's and sweep report's scripts: its browser build, which those pages
 * inline before the script (a global of the page, not bundled with it).
 */
import type UPlot from 'uplot';

export const uPlot = (window as unknown as { uPlot: typeof UPlot }).uPlot;
