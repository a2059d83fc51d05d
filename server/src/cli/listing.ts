/**
 * `--list-descriptors`: each descriptor the paths hold and why it was taken, as TypeScript's
 * `--listFiles` or ESLint's `--debug` show what a run reads, without checking anything.
 */
import { PROGRAM } from './args';
import { Discovery, Selected, displayPath } from './discover';
import { Style } from './format';

const REASON_WORDS: Readonly<Record<Selected['reason'], string>> = {
  name: 'by name',
  glob: 'by a glob',
  content: 'by content',
  template: 'as a template',
  argument: 'as an argument',
};

export interface ListedDescriptor {
  readonly path: string;
  readonly reason: Selected['reason'];
  readonly detail: string;
}

export function listedDescriptors(discovery: Discovery, cwd: string): ListedDescriptor[] {
  return discovery.targets.map((target) => ({ path: displayPath(cwd, target.file), ...target.selected }));
}

/** `path  reason: detail`, one descriptor a line, then how many were found and what was too large to read. */
export function listingText(discovery: Discovery, cwd: string, style: Style): string {
  const listed = listedDescriptors(discovery, cwd);
  const width = Math.max(0, ...listed.map((entry) => entry.path.length));
  const lines = listed.map((entry) => `${style.bold(entry.path.padEnd(width))}  ${entry.reason}: ${style.dim(entry.detail)}`);
  for (const skipped of discovery.tooLarge) lines.push(style.yellow(`${displayPath(cwd, skipped.file)}  not read: ${skipped.detail}`));
  const counts = Object.keys(REASON_WORDS)
    .map((reason) => [reason, listed.filter((entry) => entry.reason === reason).length] as const)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${REASON_WORDS[reason as Selected['reason']]}`);
  const total = `${listed.length} descriptor${listed.length === 1 ? '' : 's'}`;
  lines.push(listed.length === 0 ? 'No Connect descriptors found.' : `${total} (${counts.join(', ')}).`);
  return `${lines.join('\n')}\n`;
}

/** The machine form, versioned as the check's JSON report is. */
export function listingJson(discovery: Discovery, cwd: string, version: string): string {
  const report = {
    formatVersion: 1,
    tool: { name: PROGRAM, version },
    descriptors: listedDescriptors(discovery, cwd),
    notRead: discovery.tooLarge.map((skipped) => ({ path: displayPath(cwd, skipped.file), detail: skipped.detail })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
