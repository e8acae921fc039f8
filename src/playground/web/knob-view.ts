/**
 * The controls panel: one labelled slider and number field per {@link Knob}, both
 * keyboard-operable. A change calls `onChange(knob, value)`; the panel is rebuilt only
 * when the set of knobs changes, so a control keeps focus while the user drags it.
 */
import type { Knob } from '../knobs.js';

const domId = (k: Knob): string => `k-${k.id.replace(/[^\w-]/g, '-')}`;

/** Renders or updates the knobs in `root`. */
export function showKnobs(root: HTMLElement, knobs: readonly Knob[], onChange: (k: Knob, value: number) => void): void {
  const signature = knobs.map((k) => k.id).join('|');
  if (root.dataset.signature === signature) {
    for (const k of knobs) {
      const range = document.getElementById(domId(k)) as HTMLInputElement | null;
      const num = document.getElementById(`${domId(k)}-n`) as HTMLInputElement | null;
      if (range === null || num === null) continue;
      range.min = String(k.min);
      range.max = String(k.max);
      num.min = String(k.min);
      if (document.activeElement !== range) range.value = String(k.value);
      if (document.activeElement !== num) num.value = String(k.value);
    }
    return;
  }
  root.dataset.signature = signature;
  root.replaceChildren();
  if (knobs.length === 0) {
    root.textContent = 'No numeric knobs found in this scenario; edit the YAML below.';
    return;
  }
  for (const k of knobs) {
    const row = document.createElement('div');
    row.className = 'knob';
    const id = domId(k);
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = k.label;
    const range = document.createElement('input');
    const num = document.createElement('input');
    range.type = 'range';
    num.type = 'number';
    range.id = id;
    num.id = `${id}-n`;
    num.setAttribute('aria-label', `${k.label}${k.unit === '' ? '' : ` (${k.unit})`}`);
    for (const input of [range, num]) {
      input.min = String(k.min);
      input.max = String(k.max);
      input.step = String(k.step);
      input.value = String(k.value);
      input.dataset.knob = k.id;
    }
    num.max = '';
    const unit = document.createElement('span');
    unit.className = 'unit';
    // A value the YAML does not write shows the default the scenario gets.
    unit.textContent = k.isDefault === true ? `${k.unit} (default)`.trim() : k.unit;
    range.addEventListener('input', () => {
      num.value = range.value;
      onChange(k, Number(range.value));
    });
    num.addEventListener('change', () => {
      const v = Number(num.value);
      if (num.value === '' || !Number.isFinite(v)) return;
      range.value = String(v);
      onChange(k, v);
    });
    row.append(label, range, num, unit);
    root.append(row);
  }
}
