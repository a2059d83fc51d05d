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
