/**
 * The link's state in one verdict, read from a descriptor's analysis (never a second one): linked
 * (both keys valid and naming the app of the matched manifest), or what is missing or wrong,
 * which manifest it was matched to, and the one action that moves it on. The server sends it to
 * the client's language status item; plain data, so that the client needs none of the core.
 */
import type { Analysis } from './analyze';
import { PRODUCT_LABELS, ignoresForgeKeys } from './product';
import { SEVERITIES, Severity } from './settings';

/**
 * `linked`: both keys valid and agreeing (with each other and the matched manifest);
 * `incomplete`: a key is missing; `wrong`: a key is invalid or names another app;
 * `unchecked`: the keys do not apply (another product) or cannot be read (a template, not an object).
 */
export type LinkState = 'linked' | 'incomplete' | 'wrong' | 'unchecked';

/** What the status item offers: "Set forgeAppLink…", "Insert forgeAppId", "Open manifest.yml". */
export type LinkAction = 'set-link' | 'insert-app-id' | 'open-manifest';

export interface LinkStatusManifest {
  readonly label: string;
  /** URI (server) or path (CLI), as the index gave it. */
  readonly location: string;
  readonly appId?: string;
}

export interface LinkStatus {
  readonly state: LinkState;
  /** A few words for the status bar, e.g. "forgeAppId missing". */
  readonly summary: string;
  /** One or two sentences: what is wrong or what the link is, and the manifest. */
  readonly detail: string;
  /** The loudest finding's severity, `info` when none is louder. */
  readonly severity: Severity;
  /** The matched manifests (several: equally good matches). */
  readonly manifests: readonly LinkStatusManifest[];
  /** Why they were matched ("same app id", "nearest folder"...). */
  readonly matchedBecause?: string;
  readonly action?: LinkAction;
  /** The findings' rule ids, loudest first. */
  readonly ruleIds: readonly string[];
  /** forgeAppLink is a valid installation link: the walkthrough's link step is done. */
  readonly linkValid: boolean;
  /**
   * forgeAppId is a valid ARI naming the matched manifest's app (with no manifest matched, the
   * app forgeAppLink installs): the walkthrough's id step is done.
   */
  readonly appIdAgrees: boolean;
}

export function linkStatusOf(analysis: Analysis): LinkStatus {
  const { link, appId, linkCheck, appIdCheck, product } = analysis;
  const manifests = analysis.manifests.matches.map((match): LinkStatusManifest => ({
    label: match.label,
    location: match.location,
    appId: match.appId,
  }));
  const findings = [...analysis.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const readable = analysis.parsed.root !== undefined && !ignoresForgeKeys(product.product);
  const linkValid = readable && link !== undefined && linkCheck !== undefined && !linkCheck.templated && linkCheck.problems.length === 0;
  const idValid = readable && appId !== undefined && appIdCheck !== undefined && !appIdCheck.templated && appIdCheck.problems.length === 0;
  const manifestUuids = analysis.manifests.matches.map((match) => match.appIdUuid).filter((uuid) => uuid !== undefined);
  const appIdAgrees =
    idValid &&
    (manifestUuids.length > 0 ? manifestUuids.includes(appIdCheck.uuid as string) : linkValid && linkCheck?.uuid === appIdCheck.uuid);
  const base = {
    linkValid,
    appIdAgrees,
    severity:
      findings[0] && SEVERITIES.indexOf(findings[0].severity) < SEVERITIES.indexOf('info') ? findings[0].severity : ('info' as const),
    manifests,
    matchedBecause: manifests.length > 0 ? analysis.manifests.reason : undefined,
    ruleIds: findings.map((finding) => finding.ruleId),
  };
  const manifestWords = describeManifests(manifests);
  const openManifest = manifests.length > 0 ? ('open-manifest' as const) : undefined;

  if (!analysis.parsed.root) {
    return { ...base, state: 'unchecked', summary: 'not a JSON object', detail: 'The file is not a JSON object: the keys cannot be read.' };
  }
  if (ignoresForgeKeys(product.product)) {
    return {
      ...base,
      state: 'unchecked',
      summary: `${PRODUCT_LABELS[product.product]} descriptor`,
      detail: `A ${PRODUCT_LABELS[product.product]} descriptor: only Bitbucket Cloud reads forgeAppLink and forgeAppId.`,
      action: undefined,
    };
  }
  if (linkCheck?.templated || appIdCheck?.templated) {
    return {
      ...base,
      state: 'unchecked',
      summary: 'set by a template',
      detail: `A key's value is filled in when the descriptor is served: it is checked once served. ${manifestWords}`,
      action: openManifest,
    };
  }

  const idAgreesWithManifest = manifestUuids.length === 0 || manifestUuids.includes(appIdCheck?.uuid as string);
  const linkAgreesWithManifest = manifestUuids.length === 0 || manifestUuids.includes(linkCheck?.uuid as string);

  if (!link || !linkValid) {
    return {
      ...base,
      state: link ? 'wrong' : 'incomplete',
      summary: link ? 'forgeAppLink invalid' : 'forgeAppLink missing',
      detail: `${link ? (linkCheck?.problems[0]?.message ?? 'forgeAppLink is not a string.') : 'forgeAppLink is not set: Bitbucket shows admins no "Get the Forge app" link. Share the Forge app in the developer console and paste its installation link.'} ${manifestWords}`,
      action: 'set-link',
    };
  }
  if (!appId || !idValid) {
    return {
      ...base,
      state: appId ? 'wrong' : 'incomplete',
      summary: appId ? 'forgeAppId invalid' : 'forgeAppId missing',
      detail: `${appId ? (appIdCheck?.problems[0]?.message ?? 'forgeAppId is not a string.') : 'forgeAppLink is set; forgeAppId is not (optional: the Forge app needs it to find this Connect installation).'} ${manifestWords}`,
      action: 'insert-app-id',
    };
  }
  if (linkCheck.uuid !== appIdCheck.uuid) {
    return {
      ...base,
      state: 'wrong',
      summary: 'keys name different apps',
      detail: `forgeAppLink installs the Forge app ${linkCheck.uuid ?? '?'}, forgeAppId names ${appIdCheck.uuid ?? '?'}. ${manifestWords}`,
      // The manifest says which of the two is right; without one, the link is what admins see.
      action: idAgreesWithManifest && manifestUuids.length > 0 ? 'set-link' : linkAgreesWithManifest ? 'insert-app-id' : 'set-link',
    };
  }
  if (!idAgreesWithManifest) {
    return {
      ...base,
      state: 'wrong',
      summary: 'not the app of manifest.yml',
      detail: `forgeAppId names the app ${appIdCheck.uuid ?? '?'}, but the matched ${manifests
        .filter((manifest) => manifest.appId !== undefined)
        .map((manifest) => `${manifest.label} has app.id ${manifest.appId}`)
        .join(' and ')}.`,
      action: 'insert-app-id',
    };
  }
  return {
    ...base,
    state: 'linked',
    summary: 'linked',
    detail: `forgeAppLink and forgeAppId name the Forge app ${appIdCheck.uuid ?? ''}. ${manifestWords}`,
    action: openManifest,
  };
}

function describeManifests(manifests: readonly LinkStatusManifest[]): string {
  if (manifests.length === 0) return 'No manifest.yml of the workspace matches it.';
  if (manifests.length === 1) return `Matched to ${manifests[0].label}.`;
  return `Matched to ${manifests.length} manifests equally: ${manifests.map((manifest) => manifest.label).join(', ')}.`;
}
