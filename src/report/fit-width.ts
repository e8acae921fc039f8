/**
 * Text that fits a terminal of a given width: the visible length of a line (colour codes
 * excluded, one column per code point) and a word wrap of prose lines with a hanging
 * indent. A word longer than the room it has (a path, a URL) is kept whole rather than
 * broken: it is content that cannot be made narrower. Tables are fitted by their own
 * renderer (see table.ts); this is for the lines around them. Pure.
 */

// The SGR sequences picocolors writes (colour, bold, dim, reset).
const SGR = /\x1b\[[0-9;]*m/g;

/** Columns a line takes on a terminal: code points, colour codes not counted. */
export function visibleLength(line: string): number {
  return [...line.replace(SGR, '')].length;
}

/**
 * Wraps one line at spaces so that each piece is at most `width` columns; continuation
 * lines keep the line's own indent plus `hang` spaces. A line that fits, a width of
 * `Infinity`, or a line without a space to break at comes back unchanged (as one piece).
 */
export function wrapLine(line: string, width: number, hang = 2): string[] {
  if (visibleLength(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const indent = ' '.repeat(Math.min(lead.length + hang, Math.max(0, width - 20)));
  const words = line.slice(lead.length).split(' ');
  const out: string[] = [];
  let current = lead + words[0];
  for (const word of words.slice(1)) {
    const next = `${current} ${word}`;
    if (visibleLength(next) > width && current.trim() !== '') {
      out.push(current);
      current = indent + word;
    } else {
      current = next;
    }
  }
  out.push(current);
  return out;
}

/** Every line of `text` wrapped to `width` (see {@link wrapLine}); line ends are kept. */
export function fitText(text: string, width: number, hang = 2): string {
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width, hang))
    .join('\n');
}
