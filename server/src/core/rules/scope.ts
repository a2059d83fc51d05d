import { Node } from 'jsonc-parser';
import { findProperty, propertiesOf } from '../descriptor';
import { ignoresForgeKeys } from '../product';
import { RuleContext } from './rule';

/** The value rules run where Bitbucket may read the keys: Bitbucket and unrecognised descriptors. */
export function checksForgeValues(context: RuleContext): boolean {
  return !ignoresForgeKeys(context.product.product);
}

/**
 * Fixes that add or remove members (moves, removals) need commas and braces where the tree says
 * they are: with syntax errors in the file the recovered tree may not match the text, so these
 * fixes wait until the file parses. Replacing one string token stays safe either way.
 */
export function structuralFixesAllowed(context: RuleContext): boolean {
  return context.parsed.syntaxErrors.length === 0;
}

/**
 * Where a finding about the whole descriptor goes: on the name of the root's `"key"` member (the
 * one read), else of its first member, where the eye goes and where a fix inserts a key; on the
 * whole object only when it has none. Never on the opening brace alone, where the cursor sits
 * when the file opens and the squiggle cannot be seen.
 */
export function rootAnchor(root: Node): { readonly start: number; readonly end: number } {
  const name = (findProperty(root, 'key') ?? propertiesOf(root)[0])?.keyNode;
  return name
    ? { start: name.offset, end: name.offset + name.length }
    : { start: root.offset, end: root.offset + Math.max(root.length, 1) };
}
