import { MAX_DESCRIPTOR_BYTES } from '../descriptor';
import { capText, megabytes } from '../sizes';
import { TEMPLATE_TAG } from '../templates';
import { Rule, RuleDocs } from './rule';
import { unparsedRootAnchor } from './scope';

export const descriptorUnreadable: Rule = {
  id: 'descriptor-unreadable',
  defaultSeverity: 'info',
  onUnreadable: true,
  checks: {
    descriptor(context) {
      const { parsed, text } = context;
      switch (parsed.unreadable?.kind) {
        case 'too-large':
          return [
            {
              ...unparsedRootAnchor(text),
              fixes: [],
              message: `This file is ${megabytes(parsed.unreadable.size)}; descriptors over ${capText(MAX_DESCRIPTOR_BYTES)} are not checked.`,
            },
          ];
        case 'too-deep':
          return [
            { ...unparsedRootAnchor(text), fixes: [], message: 'This file is nested too deeply to be checked as a Connect descriptor.' },
          ];
        case 'not-object':
          return [
            {
              start: parsed.unreadable.start,
              end: Math.max(parsed.unreadable.end, parsed.unreadable.start + 1),
              fixes: [],
              message:
                "This file's root is not a JSON object, so it is not checked as a descriptor. A Connect descriptor is a JSON object ({ … }).",
            },
          ];
        case 'empty':
          return [];
      }
      if (parsed.templated && parsed.syntaxErrors.length > 0) {
        return [
          {
            ...breakingTag(text, parsed.syntaxErrors[0]),
            fixes: [],
            message:
              'This template is not JSON until it is rendered, so it was checked in part. The values that could be read were checked (Go, ERB, Jinja tags set aside); forgeAppLink is reported missing only when the text never mentions it.',
          },
        ];
      }
      return [];
    },
  },
};

export const descriptorUnreadableDocs: RuleDocs = {
  description:
    'The file cannot be read as a descriptor: a template that is not JSON until rendered, a root that is not an object, too large or too deeply nested.',
  fix: '',
};

/**
 * Where a template stops being JSON: the whole tag its first syntax error starts in (a leading
 * `{{define "descriptor"}}`, not its first brace at 1:1), else the error itself.
 */
function breakingTag(text: string, error: { readonly start: number; readonly end: number }): { start: number; end: number } {
  for (const tag of text.matchAll(TEMPLATE_TAG)) {
    if (tag.index > error.start) break;
    if (error.start < tag.index + tag[0].length) return { start: tag.index, end: tag.index + tag[0].length };
  }
  return { start: error.start, end: error.end };
}
