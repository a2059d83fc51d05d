/**
 * The README's rule table, generated from the rules themselves so that the two cannot drift:
 * `npx tsx scripts/rulesTable.ts` prints it, and a unit test checks the README holds it.
 */
import { RULES, ruleDocs } from '../server/src/core';

export function rulesTable(): string {
  const rows = RULES.map(
    (rule) =>
      `| <a id="rule-${rule.id}"></a>\`${rule.id}\` | ${rule.defaultSeverity} | ${ruleDocs(rule).description} | ${ruleDocs(rule).fix || '—'} |`,
  );
  return ['| Rule | Default | What it catches | Fix |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

if (require.main === module) console.log(rulesTable());
