/**
 * What the analysis knows of the Forge manifests matched to a descriptor. The server's workspace
 * index (or the CLI) fills it; the core only reads it, so analysis stays pure.
 */
import { ClientKeyCall } from './clientKeyRoute';
import { LineRange } from './lines';

export interface ManifestCandidate {
  /** How the caller names the manifest to a user: a workspace-relative path. */
  readonly label: string;
  /** Where it is (URI or path, as the caller uses it) for related locations and definitions. */
  readonly location: string;
  /** The resolved app.id, when the manifest has a usable one. */
  readonly appId?: string;
  readonly appIdUuid?: string;
  /** Where app.id's value is in the manifest, as lines and UTF-16 columns (0-based). */
  readonly appIdRange?: LineRange;
  readonly connectKey?: string;
  readonly licensingEnabled?: boolean;
  readonly licensingRange?: LineRange;
  /** The app.id cannot be checked (a ${VAR} without a default): not an error, only unknown. */
  readonly unresolved?: boolean;
  /** Why the manifest cannot supply an app id, in one line, when it cannot. */
  readonly problem?: string;
  /**
   * Where the Forge app's source (the manifest's folder, searched by the caller) calls the Addon
   * API for the Connect installation's clientKey: that call needs forgeAppId. Absent when the
   * caller did not search.
   */
  readonly clientKeyCalls?: readonly ClientKeyCall[];
}

export interface ManifestContext {
  /** The best candidates, all equally good (more than one means ambiguous). */
  readonly matches: readonly ManifestCandidate[];
  /** How they were chosen, e.g. "same app id", "nearest folder". */
  readonly reason?: string;
  /** Whether the caller looked at all (no index: the manifest rules stay silent). */
  readonly searched: boolean;
  /** `manifest.yaml` files near the descriptor, which the Forge CLI does not read. */
  readonly ignoredVariants?: readonly { readonly label: string; readonly location: string }[];
}

export const NO_MANIFESTS: ManifestContext = { matches: [], searched: false };
