/**
 * Matches a descriptor to the Forge manifests a workspace holds, strongest evidence first:
 * the same app (forgeAppId or forgeAppLink names the manifest's app.id), then app.connect.key
 * equal to the descriptor's key, then the nearest folder, then the only manifest there is.
 * Pure: paths are plain '/'-separated strings given by the caller.
 */
import { Node } from 'jsonc-parser';
import { findProperty, stringValue } from './descriptor';
import { ClientKeyCall } from './clientKeyRoute';
import { AppIdCheck, InstallLinkCheck, checkAppId, checkInstallLink, isTemplated } from './forgeIds';
import { ManifestInfo, describeManifestProblem } from './manifest';
import { LineRange, linePosition } from './lines';
import { ManifestCandidate, ManifestContext } from './manifestContext';

export interface IndexedManifest {
  /** URI (server) or absolute path (CLI): how the caller opens it. */
  readonly location: string;
  /** '/'-separated absolute path, for folder distance. */
  readonly path: string;
  /** Workspace-relative path shown to users. */
  readonly label: string;
  /** The workspace folder (or CLI root) the manifest belongs to. */
  readonly root: string;
  readonly info: ManifestInfo;
  readonly candidate: ManifestCandidate;
}

/** Builds the index entry once, when the manifest is read, not on every keystroke. */
export function indexManifest(
  location: string,
  path: string,
  label: string,
  root: string,
  text: string,
  info: ManifestInfo,
  clientKeyCalls?: readonly ClientKeyCall[],
): IndexedManifest {
  const lineRange = (range: { start: number; end: number } | undefined): LineRange | undefined =>
    range ? { start: linePosition(text, range.start), end: linePosition(text, range.end) } : undefined;
  const usable = info.status === 'ok' && info.appId?.uuid !== undefined;
  const candidate: ManifestCandidate = {
    label,
    location,
    appId: usable ? info.appId?.value : undefined,
    appIdUuid: usable ? info.appId?.uuid : undefined,
    appIdRange: lineRange(info.appId),
    connectKey: info.connectKey?.value,
    licensingEnabled: info.licensingEnabled,
    licensingRange: lineRange(info.licensingRange),
    unresolved: info.status === 'unresolved',
    problem: describeManifestProblem(info),
    ...(clientKeyCalls !== undefined ? { clientKeyCalls } : {}),
  };
  return { location, path, label, root, info, candidate };
}

/** What of a descriptor's content matching uses: its key and the apps it names. */
export interface DescriptorIdentity {
  readonly key?: string;
  /** App UUIDs the descriptor names through forgeAppId or forgeAppLink. */
  readonly appUuids: readonly string[];
}

export interface DescriptorFacts extends DescriptorIdentity {
  readonly path: string;
  readonly root: string;
}

/** The identity from values the analysis has already checked (no second check on a keystroke). */
export function identityOf(
  key: string | undefined,
  appIdCheck: AppIdCheck | undefined,
  linkCheck: InstallLinkCheck | undefined,
): DescriptorIdentity {
  const appUuids = [appIdCheck?.uuid, linkCheck?.uuid].filter((uuid): uuid is string => uuid !== undefined);
  return { key: key !== undefined && !isTemplated(key) ? key : undefined, appUuids };
}

/** For callers without an analysis at hand (the client's command): checks the values itself. */
export function descriptorFacts(path: string, root: string, descriptorRoot: Node | undefined): DescriptorFacts {
  const appId = stringValue(findProperty(descriptorRoot, 'forgeAppId')?.valueNode);
  const link = stringValue(findProperty(descriptorRoot, 'forgeAppLink')?.valueNode);
  const identity = identityOf(
    stringValue(findProperty(descriptorRoot, 'key')?.valueNode),
    appId === undefined ? undefined : checkAppId(appId),
    link === undefined ? undefined : checkInstallLink(link),
  );
  return { path, root, ...identity };
}

export function matchManifests(descriptor: DescriptorFacts, manifests: readonly IndexedManifest[]): ManifestContext {
  const forge = manifests;
  if (forge.length === 0) return { matches: [], searched: true };
  const sameApp = forge.filter((m) => m.candidate.appIdUuid !== undefined && descriptor.appUuids.includes(m.candidate.appIdUuid));
  if (sameApp.length > 0) return context(sameApp, 'it names the same Forge app');
  if (descriptor.key !== undefined) {
    const sameKey = forge.filter((m) => m.candidate.connectKey === descriptor.key);
    if (sameKey.length > 0) return context(sameKey, "its app.connect.key equals the descriptor's key");
  }
  const sameRoot = forge.filter((m) => m.root === descriptor.root);
  if (sameRoot.length > 0) {
    const distances = sameRoot.map((m) => folderDistance(dirname(descriptor.path), dirname(m.path)));
    const nearest = Math.min(...distances);
    return context(
      sameRoot.filter((_, i) => distances[i] === nearest),
      'it is the nearest manifest.yml',
    );
  }
  return context(
    forge,
    forge.length === 1 ? 'it is the only manifest.yml in the workspace' : "no manifest.yml is in the descriptor's folder",
  );
}

/** Where a descriptor is and what it is matched against: what a resolver needs besides the descriptor's content. */
export interface ResolverInput {
  /** '/'-separated path of the descriptor, and of the workspace folder (or CLI root) it is in. */
  readonly path: string;
  readonly root: string;
  readonly manifests: readonly IndexedManifest[];
  /** `manifest.yaml` files near the descriptor, for manifest-file-name. */
  readonly ignoredVariants?: ManifestContext['ignoredVariants'];
  /** Said instead of matching's own reason, e.g. when the user named the manifest. */
  readonly reason?: string;
}

/**
 * How the server and the CLI match a descriptor: `analyze` calls it with the identity it read
 * from the tree it parsed anyway, so matching costs no second parse.
 */
export function manifestResolver(input: ResolverInput): (identity: DescriptorIdentity) => ManifestContext {
  const { path, root, manifests, reason } = input;
  const variants = input.ignoredVariants ?? [];
  return (identity) => {
    const matched = matchManifests({ path, root, ...identity }, manifests);
    return {
      ...matched,
      ...(reason !== undefined ? { reason } : {}),
      ...(variants.length > 0 ? { ignoredVariants: variants } : {}),
    };
  };
}

function context(manifests: readonly IndexedManifest[], reason: string): ManifestContext {
  const matches = [...manifests].sort((a, b) => a.label.localeCompare(b.label)).map((m) => m.candidate);
  return { matches, reason, searched: true };
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** Steps up from one folder to the common ancestor, then down to the other. */
export function folderDistance(from: string, to: string): number {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}
