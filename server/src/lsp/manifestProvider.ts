/** What the server asks of the manifest index: the manifests matched to one descriptor. */
import { ManifestContext, NO_MANIFESTS } from '../core';

export interface ManifestProvider {
  contextFor(descriptorUri: string, descriptorText: string): ManifestContext;
  dispose(): void;
}

export const NO_MANIFEST_PROVIDER: ManifestProvider = {
  contextFor: () => NO_MANIFESTS,
  dispose: () => undefined,
};
