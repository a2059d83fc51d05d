/**
 * The findings of a served descriptor placed on the local descriptor, where an editor shows them:
 * at the local place a comparison points at, else at the local node with the same JSON path as the
 * served one (or its nearest ancestor that the local file has). Each message says where the text
 * was served and on which line.
 */
import { Node, findNodeAtLocation, getLocation } from 'jsonc-parser';
import { ParsedDescriptor } from '../descriptor';
import { linePosition, offsetAt } from '../lines';
import { Finding } from '../types';
import { rootAnchor } from '../rules/scope';

export interface LocalPlacement {
  readonly text: string;
  readonly parsed: ParsedDescriptor;
  /** The local descriptor's path or URI, as the comparison's related locations name it. */
  readonly location: string;
}

export function placeOnLocal(findings: readonly Finding[], servedText: string, url: string, local: LocalPlacement): Finding[] {
  return findings.map((finding) => {
    const here = finding.related?.find((related) => related.file === local.location && related.fileRange);
    const range = here?.fileRange
      ? { start: offsetAt(local.text, here.fileRange.start), end: offsetAt(local.text, here.fileRange.end) }
      : samePath(finding, servedText, local);
    const line = linePosition(servedText, finding.start).line + 1;
    const message = finding.message.includes(url)
      ? `${finding.message} (line ${line} there)`
      : `Served at ${url} (line ${line}): ${finding.message}`;
    // jsonc-parser's nodes can reach one past the end of a text that ends in an unclosed comment.
    const start = Math.min(Math.max(range.start, 0), local.text.length);
    return {
      ...finding,
      start,
      end: Math.min(Math.max(range.end, start), local.text.length),
      message,
      // Places in the served text mean nothing in the local file; those in other files (manifests) stay.
      related: finding.related?.filter((related) => related.file !== undefined && related.file !== local.location),
      unnecessary: undefined,
      fixes: [],
      inputFix: undefined,
    };
  });
}

function samePath(finding: Finding, servedText: string, local: LocalPlacement): { start: number; end: number } {
  const root = local.parsed.root;
  if (!root) return { start: 0, end: Math.min(1, local.text.length) };
  const path = getLocation(servedText, finding.start).path;
  for (let length = path.length; length > 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return rangeOf(node.parent?.type === 'property' ? node.parent : node);
  }
  return rootAnchor(root);
}

function rangeOf(node: Node): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}
