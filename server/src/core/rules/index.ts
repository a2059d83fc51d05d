/** Every rule, descriptor, manifest and served-descriptor rules alike, in the order their findings are listed. */
import { descriptorUnreadable } from './descriptorUnreadable';
import { forgeAppIdInvalid } from './forgeAppIdInvalid';
import { forgeAppLinkInvalid } from './forgeAppLinkInvalid';
import { forgeAppLinkMissing } from './forgeAppLinkMissing';
import { forgeIdsMismatch } from './forgeIdsMismatch';
import { forgeKeyDuplicate } from './forgeKeyDuplicate';
import { forgeKeyMisspelled } from './forgeKeyMisspelled';
import { forgeKeyNested } from './forgeKeyNested';
import { forgeKeyUnused } from './forgeKeyUnused';
import { forgeValueTemplate } from './forgeValueTemplate';
import { jsonSyntax } from './jsonSyntax';
import { forgeAppIdManifestMismatch } from './forgeAppIdManifestMismatch';
import { forgeAppIdMissing } from './forgeAppIdMissing';
import { forgeAddonKeyMismatch } from './forgeAddonKeyMismatch';
import { forgeAppLicensed } from './forgeAppLicensed';
import { manifestFileName } from './manifestFileName';
import { manifestUnusable } from './manifestUnusable';
import { manifestAppId } from './manifestAppId';
import { servedDescriptorDiffers } from './servedDescriptorDiffers';
import { servedDescriptorNotJson } from './servedDescriptorNotJson';
import { Rule } from './rule';

export const RULES: readonly Rule[] = [
  forgeAppLinkMissing,
  forgeAppLinkInvalid,
  forgeAppIdInvalid,
  forgeIdsMismatch,
  forgeAppIdMissing,
  forgeAppIdManifestMismatch,
  forgeAddonKeyMismatch,
  forgeAppLicensed,
  manifestUnusable,
  manifestFileName,
  forgeKeyNested,
  forgeKeyDuplicate,
  forgeKeyMisspelled,
  forgeKeyUnused,
  forgeValueTemplate,
  descriptorUnreadable,
  jsonSyntax,
  manifestAppId,
  servedDescriptorDiffers,
  servedDescriptorNotJson,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
