/**
 * The YAML editor: a plain `<textarea>` (native keyboard, selection, undo and screen
 * reader support) over a `<pre>` that draws the same text highlighted, with the line of
 * the current error marked. Highlighting is a small line tokenizer: comments, keys,
 * strings, numbers (date-times whole) and booleans.
 */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TOKEN = /(#.*$)|("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?)|((?:^|(?<=[\s{,[-]))[A-Za-z_][\w.-]*(?=\s*:(?:\s|$)))|(\b(?:true|false|null)\b)|((?<![\w.])\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?|(?<![\w.])-?\d+(?:\.\d+)?(?:[a-z]+|\/[a-z]+)?(?![\w.]))/g;

/** One line of YAML as highlighted HTML. A `#` inside a string is part of the string. */
export function highlightLine(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    out += esc(line.slice(last, at));
    const cls = m[1] !== undefined ? 'c' : m[2] !== undefined ? 's' : m[3] !== undefined ? 'k' : m[4] !== undefined ? 'b' : 'n';
    out += `<span class="t-${cls}">${esc(m[0])}</span>`;
    last = at + m[0].length;
  }
  return out + esc(line.slice(last));
}

/** Wires the textarea and its highlight layer; returns a function that redraws them. */
export function createEditor(area: HTMLTextAreaElement, layer: HTMLElement): (errorLine: number) => void {
  let errorLine = 0;
  const draw = (): void => {
    const lines = area.value.split('\n');
    // The trailing space keeps an empty last line as tall as the textarea's.
    layer.innerHTML = lines.map((l, i) => (i + 1 === errorLine ? `<span class="err-line">${highlightLine(l) || ' '}</span>` : highlightLine(l))).join('\n') + ' ';
    layer.scrollTop = area.scrollTop;
    layer.scrollLeft = area.scrollLeft;
  };
  area.addEventListener('input', draw);
  area.addEventListener('scroll', () => {
    layer.scrollTop = area.scrollTop;
    layer.scrollLeft = area.scrollLeft;
  });
  return (line: number) => {
    errorLine = line;
    draw();
  };
}
