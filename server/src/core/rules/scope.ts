import { ignoresForgeKeys } from '../product';
import { RuleContext } from './rule';

/** The value rules run where Bitbucket may read the keys: Bitbucket and unrecognised descriptors. */
export function checksForgeValues(context: RuleContext): boolean {
  return !ignoresForgeKeys(context.product.product);
}
