import { ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import { FindingDraft, Rule, RuleDocs } from './rule';

export const servedDescriptorNotJson: Rule = {
  id: 'served-descriptor-not-json',
  defaultSeverity: 'warning',
  checks: {
    served(context) {
      const { served, url } = context;
      // Real syntax errors make the served text unusable: the check reports them before any rule runs.
      if (!served.parsed.root || served.parsed.syntaxErrors.length > 0) return [];
      const errors: ParseError[] = [];
      const body = served.text.charCodeAt(0) === 0xfeff ? ` ${served.text.slice(1)}` : served.text;
      parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
      const findings: FindingDraft[] = [];
      const seen = new Set<number>();
      for (const error of errors) {
        const comment = error.error === ParseErrorCode.InvalidCommentToken;
        const start = comment ? error.offset : trailingComma(body, error.offset);
        if (start === undefined || seen.has(start)) continue;
        seen.add(start);
        findings.push({
          message: `The served descriptor has ${comment ? 'a comment' : 'a trailing comma'}, which JSON does not allow. Bitbucket reads it as JSON: serve JSON from ${url} (atlassian-connect-express reads a JSON5 file but serves JSON).`,
          start,
          end: comment ? error.offset + error.length : start + 1,
          fixes: [],
        });
      }
      return findings;
    },
  },
};

export const servedDescriptorNotJsonDocs: RuleDocs = {
  description:
    'The served descriptor has comments or trailing commas (JSON5, as a file served as is): JSON allows neither, and Bitbucket reads the descriptor as JSON.',
  fix: '',
};

/** The comma before a closing bracket that strict parsing stopped at (skipping spaces and comments). */
function trailingComma(text: string, closing: number): number | undefined {
  let at = closing - 1;
  while (at >= 0) {
    const char = text[at];
    if (/\s/.test(char)) at--;
    else if (char === '/' && text[at - 1] === '*') at = text.lastIndexOf('/*', at - 2) - 1;
    else break;
  }
  if (text[at] === ',') return at;
  return undefined;
}
