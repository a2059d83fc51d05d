import { Rule, RuleDocs } from './rule';

export const jsonSyntax: Rule = {
  id: 'json-syntax',
  defaultSeverity: 'error',
  onUnreadable: true,
  checks: {
    descriptor(context) {
      const { parsed, settings } = context;
      if (!settings.reportSyntaxErrors || parsed.templated) return [];
      return parsed.syntaxErrors.map((error) => ({ message: error.message, start: error.start, end: error.end, fixes: [] }));
    },
  },
};

export const jsonSyntaxDocs: RuleDocs = {
  description:
    "JSON syntax errors. In editors only when `connectForgeLink.reportSyntaxErrors` is on (VS Code's JSON language already reports them); the CLI reports them by default.",
  fix: '',
};
