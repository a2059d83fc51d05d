/** Turns problems found inside a string value into findings located in the document. */
import { Property, valueIndexToOffset } from '../descriptor';
import { replaceString } from '../edits';
import { IdProblem } from '../forgeIds';
import { Fix } from '../types';
import { FindingDraft } from './rule';

const FIX_TITLES: Record<string, string> = {
  whitespace: 'Remove the spaces around the value',
  'html-escaped': 'Replace "&amp;" with "&"',
  'bare-uuid': 'Make it the app ARI',
  'console-url': 'Replace the URL with the ARI of its app',
  'upper-case': 'Make it lower case',
  'not-https': 'Use https',
};

export function valueProblemFindings(text: string, property: Property, problems: readonly IdProblem[]): FindingDraft[] {
  const valueNode = property.valueNode;
  if (!valueNode) return [];
  return problems.map((problem) => {
    const fixes: Fix[] = [];
    if (problem.replacement !== undefined) {
      const replacement = problem.replacement;
      fixes.push({
        title: `${FIX_TITLES[problem.kind] ?? 'Correct the value'}: "${shorten(replacement)}"`,
        isPreferred: true,
        safe: true,
        edits: () => [replaceString(valueNode, replacement)],
      });
    }
    return {
      message: problem.message,
      start: valueIndexToOffset(text, valueNode, problem.start),
      end: Math.max(valueIndexToOffset(text, valueNode, problem.end), valueIndexToOffset(text, valueNode, problem.start) + 1),
      fixes,
    };
  });
}

/** Long links are cut; an ARI (61 characters) is shown whole, since its end is the app's UUID. */
function shorten(value: string): string {
  return value.length > 70 ? `${value.slice(0, 67)}…` : value;
}

export function notAStringFinding(property: Property, expected: string): FindingDraft[] {
  const node = property.valueNode ?? property.keyNode;
  return [
    {
      message: `${property.name} must be a string, not ${describeType(node.type)}. It is ${expected}.`,
      start: node.offset,
      end: node.offset + node.length,
      fixes: [],
    },
  ];
}

function describeType(type: string): string {
  return type === 'null' ? 'null' : type === 'array' ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
}
