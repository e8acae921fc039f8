/**
 * Putting text into HTML safely: element text and attributes, JSON inside a
 * `<script type="application/json">`, and inline scripts and styles. Pure.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that can sit inside a `<script>` element: `<`, `>`, `&` and the JS line separators
 * are written as `\u` escapes, so no `</script>` or `<!--` can end or confuse the element;
 * `JSON.parse` of the element's text gives back `value`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JavaScript source made safe to inline in `<script>`: `</script` and `<!--` are broken
 * up with a backslash (`<\/script`, `<\!--`), which means the same inside JS strings and
 * regular expressions, the only places they can occur in valid code.
 */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** CSS made safe to inline in `<style>`: `</style` cannot occur in valid CSS outside strings. */
export function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}
