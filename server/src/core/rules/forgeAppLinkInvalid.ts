import { FindingDraft, Rule, RuleDocs, RuleContext } from './rule';
import { notAStringFinding, valueProblemFindings } from './valueProblems';
import { checksForgeValues } from './scope';
import { linkPlaceholder } from './forgeAppLinkMissing';

/** What only a developer-console link must have; a Marketplace link for a licensed app need not. */
const CONSOLE_ONLY = new Set(['wrong-host', 'wrong-path', 'no-signature', 'no-bitbucket', 'placeholder-signature']);

/**
 * Licensed Forge apps get no console install link (see forge-app-licensed); their link comes from
 * the Marketplace listing, whose form is not documented, so only its generic problems are reported.
 */
function isMarketplaceLinkOfLicensedApp(context: RuleContext): boolean {
  if (!context.manifests.matches.some((m) => m.licensingEnabled === true)) return false;
  const value = context.link?.valueNode?.value;
  try {
    return typeof value === 'string' && /(^|\.)marketplace\.atlassian\.com$/i.test(new URL(value.trim()).hostname);
  } catch {
    return false;
  }
}

export const forgeAppLinkInvalid: Rule = {
  id: 'forge-app-link-invalid',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      const { link, linkCheck } = context;
      if (!link?.valueNode || !checksForgeValues(context)) return [];
      if (link.valueNode.type !== 'string') {
        return withWayOut(context, notAStringFinding(link, 'the installation link from the developer console'), false);
      }
      if (!linkCheck || linkCheck.templated) return [];
      const problems = isMarketplaceLinkOfLicensedApp(context)
        ? linkCheck.problems.filter((p) => !CONSOLE_ONLY.has(p.kind))
        : linkCheck.problems;
      return withWayOut(context, valueProblemFindings(context.text, link, problems), problems[0]?.kind === 'empty');
    },
  },
};

export const forgeAppLinkInvalidDocs: RuleDocs = {
  description:
    '`forgeAppLink` is not a signed https developer-console installation link for Bitbucket (wrong type, scheme, host, path, missing signature or `product=bitbucket`, documentation placeholders, `&amp;`, stray spaces).',
  fix: 'Removes stray spaces; replaces `&amp;` with `&`; `http` → `https`. Any other wrong value: asks for the link (VS Code), an empty one gets a placeholder elsewhere.',
};

/**
 * Every wrong link has a way out: where no certain correction exists, the user gives the link
 * (VS Code's input box, which replaces the value). Editors that cannot ask get a placeholder only
 * in place of an empty value, which it cannot lose.
 */
function withWayOut(context: RuleContext, findings: FindingDraft[], empty: boolean): FindingDraft[] {
  const uuid = context.linkCheck?.uuid ?? context.appIdCheck?.uuid;
  return findings.map((finding) =>
    finding.fixes.length > 0
      ? finding
      : {
          ...finding,
          inputFix: {
            title: 'Set forgeAppLink…',
            key: 'forgeAppLink',
            appUuid: uuid,
            ...(empty ? { placeholder: linkPlaceholder(uuid) } : {}),
          },
        },
  );
}
