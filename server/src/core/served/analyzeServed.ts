/**
 * A served descriptor through the same analysis as a local one, plus the rules that compare it
 * with the local descriptor (and, through the descriptor rules, with the local descriptor's
 * matched manifest). Pure: the caller fetched the text.
 */
import { Analysis, AnalysisOptions, analyze } from '../analyze';
import { ParsedDescriptor, findProperty } from '../descriptor';
import { isTemplated } from '../forgeIds';
import { linePosition } from '../lines';
import { RULES } from '../rules';
import { DescriptorSide, Rule, ServedRuleContext } from '../rules/rule';
import { comparedProperty } from '../rules/servedDescriptorDiffers';
import { COMPARED_KEYS, ComparedKey } from './comparedKeys';
import { runRules } from '../runRules';
import { DEFAULT_SETTINGS } from '../settings';
import { Finding } from '../types';
import { FetchFailure, failure } from './fetchFailures';

export interface LocalDescriptor {
  /** How the user knows it: a relative path. */
  readonly label: string;
  /** Its path or URI, for related locations. */
  readonly location: string;
  readonly text: string;
  /** Its analysis, when the caller has one (its matched manifests are then the served one's too). */
  readonly analysis?: Analysis;
}

export interface ServedAnalysisOptions extends AnalysisOptions {
  /** The final URL (after redirects): the messages name it. */
  readonly url: string;
  readonly contentType?: string;
  readonly local?: LocalDescriptor;
}

export interface ServedAnalysis {
  readonly ok: true;
  /** The served text's own analysis (its findings are among `findings`). */
  readonly analysis: Analysis;
  /** Every finding on the served text, offsets in it; none offers a fix (a served text cannot be edited). */
  readonly findings: readonly Finding[];
  readonly failures: Analysis['failures'];
  /** The compared keys that the local file has as templates (their served values were checked instead). */
  readonly templatedLocally: readonly ComparedKey[];
}

/**
 * Checks a served text: an empty body, an HTML page or text that is not JSON is a failure (nothing
 * to analyse); otherwise every rule runs on it. The local descriptor's matched manifests are used
 * unless `manifests` says otherwise.
 */
export function analyzeServed(text: string, options: ServedAnalysisOptions): ServedAnalysis | FetchFailure {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rules = options.rules ?? RULES;
  const analysis = analyze(text, { ...options, settings, manifests: options.manifests ?? options.local?.analysis?.manifests, rules });
  const unusable = unusableText(text, analysis.parsed, options);
  if (unusable) return unusable;
  const served = sideOf(text, analysis.parsed, analysis);
  const local = options.local ? localSide(options.local) : undefined;
  const context: ServedRuleContext = { url: options.url, served, local, settings };
  const compared = runRules(text, settings, rules, (rule: Rule) => rule.checks.served, context);

  const findings = [...analysis.findings, ...compared.findings].map((finding): Finding => ({ ...finding, fixes: [], inputFix: undefined }));
  const templatedLocally = local
    ? COMPARED_KEYS.filter((key) => {
        const value = comparedProperty(local, key)?.valueNode?.value;
        return typeof value === 'string' && isTemplated(value);
      })
    : [];
  return { ok: true, analysis, findings, failures: [...analysis.failures, ...compared.failures], templatedLocally };
}

function sideOf(text: string, parsed: ParsedDescriptor, values: Omit<DescriptorSide, 'text' | 'parsed' | 'key'>): DescriptorSide {
  return {
    text,
    parsed,
    key: findProperty(parsed.root, 'key'),
    link: values.link,
    appId: values.appId,
    linkCheck: values.linkCheck,
    appIdCheck: values.appIdCheck,
  };
}

function localSide(local: LocalDescriptor): NonNullable<ServedRuleContext['local']> {
  const analysis = local.analysis ?? analyze(local.text);
  return { ...sideOf(local.text, analysis.parsed, analysis), label: local.label, location: local.location };
}

/** Why a served text cannot be checked at all: nothing, a web page, or not JSON. */
function unusableText(text: string, parsed: ParsedDescriptor, options: ServedAnalysisOptions): FetchFailure | undefined {
  const { url } = options;
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.length === 0) return failure('empty', `${url} answered with an empty body: no descriptor is served there`);
  const html = /^<(!doctype\s+html|html|head|body|\?xml|!--)/i.test(body) || /\btext\/html\b/i.test(options.contentType ?? '');
  if (html && !body.startsWith('{')) {
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim().replace(/\s+/g, ' ');
    return failure(
      'html',
      `${url} served an HTML page${title ? ` ("${title}")` : ''}, not JSON: a login page or a proxy's error page? Bitbucket must be able to read the descriptor itself at this URL`,
    );
  }
  const first = parsed.syntaxErrors[0];
  if (parsed.unreadable?.kind === 'not-object' && !first) {
    return failure('invalid-json', `${url} served JSON that is not an object (a descriptor is { … })`);
  }
  if (first) {
    const at = linePosition(text, first.start);
    const problem = first.message.replace(/^JSON syntax error: /, '').replace(/\.$/, '');
    const json5 = json5Syntax(text, first.start);
    return failure(
      'invalid-json',
      `${url} did not serve valid JSON: ${problem} at line ${at.line + 1}, column ${at.character + 1}${
        json5
          ? `: it looks like JSON5 (${json5}), and Bitbucket reads the descriptor as JSON. Serve JSON (atlassian-connect-express reads a JSON5 file but serves JSON)`
          : ''
      }`,
    );
  }
  if (parsed.unreadable)
    return failure('invalid-json', `${url} served a text that cannot be read as a descriptor (${parsed.unreadable.kind})`);
  return undefined;
}

/**
 * What JSON5 allows and JSON does not, when the first syntax error is at it: a cheap look at the
 * error's place, not a JSON5 parser (none is bundled), so it names what it saw and no more.
 */
function json5Syntax(text: string, offset: number): string | undefined {
  const rest = text.slice(offset, offset + 120);
  const key = /^([A-Za-z_$][\w$]*)\s*:/.exec(rest);
  if (key) return `an unquoted key, ${key[1]}`;
  if (rest.startsWith("'")) return 'a string in single quotes';
  if (/^[+-]?(Infinity|NaN)\b|^[+.]\d/.test(rest) || (text[offset - 1] === '0' && /^x[0-9a-f]/i.test(rest))) return 'a JSON5 number';
  return undefined;
}
