/**
 * Descriptor templates: files rendered into a descriptor when the app serves it (Rails' ERB,
 * Handlebars, EJS, Jinja, Go's text/template). Their names, and a reading of their text that a
 * JSON parser can take without changing any offset.
 */

/** Names of template files that render a JSON descriptor (compared in lower case). */
export const TEMPLATE_SUFFIXES: readonly string[] = [
  '.json.erb',
  '.json.hbs',
  '.json.handlebars',
  '.json.mustache',
  '.json.ejs',
  '.json.j2',
  '.json.jinja',
  '.json.jinja2',
  '.json.njk',
  '.json.tmpl',
  '.json.tpl',
  '.template.json',
];

/** Whether a file name (or path) is a descriptor template's. */
export function isTemplateName(fileName: string): boolean {
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  return TEMPLATE_SUFFIXES.some((suffix) => name.endsWith(suffix) && name.length > suffix.length);
}

/** A tag's opening and the closing that ends it: Go/Handlebars/Jinja `{{ }}`, Jinja `{% %}` and `{# #}`, ERB/EJS `<% %>`. */
const TAG_CLOSINGS: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '{#': '#}', '<%': '%>' };

/** Any tag, for the tests that only ask where tags are (none of them spans a quote on purpose). */
export const TEMPLATE_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|<%[\s\S]*?%>/g;

/** Whether the text starts (after white space) with a template tag, as Go's `{{define "…"}}{ … }{{end}}` wrapper does. */
export function startsWithTemplateTag(text: string): boolean {
  const start = text.search(/\S/);
  return start !== -1 && TAG_CLOSINGS[text.slice(start, start + 2)] !== undefined;
}

/**
 * The text as a JSON reader can take it, with every offset kept: tags outside strings (a
 * `{{define}}` wrapper, `<% if %>` lines) become spaces, and double quotes inside a tag within a
 * string (`"stars<%= "." + env %>"`) become single quotes, so the string stays one token. Tags in
 * strings otherwise stay, so that a value such as `{{forgeAppLink}}` still reads as a template.
 * Only meant for templates: valid JSON never needs it.
 */
export function neutralTemplateText(text: string): string {
  let out: string[] | undefined;
  let copied = 0;
  let inString = false;
  const replace = (start: number, end: number, map: (char: string) => string): void => {
    out ??= [];
    out.push(text.slice(copied, start));
    for (let i = start; i < end; i++) out.push(map(text[i]));
    copied = end;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const closing = TAG_CLOSINGS[text.slice(i, i + 2)];
    if (closing !== undefined) {
      const close = text.indexOf(closing, i + 2);
      // Handlebars' `{{{raw}}}` ends with three braces.
      const end = close === -1 ? text.length : close + closing.length + (text.startsWith('{{{', i) && text[close + 2] === '}' ? 1 : 0);
      if (inString) replace(i, end, (c) => (c === '"' ? "'" : c === '\n' || c === '\r' ? ' ' : c));
      else replace(i, end, (c) => (c === '\n' || c === '\r' ? c : ' '));
      i = end - 1;
    } else if (inString) {
      if (char === '\\') i++;
      else if (char === '"' || char === '\n') inString = false;
    } else if (char === '"') {
      inString = true;
    }
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}
