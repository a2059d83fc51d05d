/**
 * Decides which Atlassian product a Connect descriptor is for, from markers observed in real
 * descriptors (see the corpus notes): only Bitbucket Cloud reads forgeAppLink and forgeAppId.
 */
import { Node } from 'jsonc-parser';
import { propertiesOf, findProperty, stringValue } from './descriptor';
import { ProductSetting } from './settings';

export type Product = 'bitbucket' | 'jira' | 'confluence' | 'jira-or-confluence' | 'hipchat' | 'unknown';

export const PRODUCT_LABELS: Record<Product, string> = {
  bitbucket: 'Bitbucket Cloud',
  jira: 'Jira',
  confluence: 'Confluence',
  'jira-or-confluence': 'Jira or Confluence',
  hipchat: 'HipChat',
  unknown: 'an unknown product',
};

export interface ProductDetection {
  readonly product: Product;
  /** Why, in words a user can check against the file (shown in hovers and logs). */
  readonly evidence: readonly string[];
  readonly forced: boolean;
}

const BITBUCKET_SCOPES = new Set([
  'account',
  'account:write',
  'email',
  'repository',
  'repository:write',
  'repository:admin',
  'repository:delete',
  'pullrequest',
  'pullrequest:write',
  'issue',
  'issue:write',
  'wiki',
  'snippet',
  'snippet:write',
  'webhook',
  'pipeline',
  'pipeline:write',
  'pipeline:variable',
  'runner',
  'runner:write',
  'project',
  'project:admin',
  'team',
  'team:write',
]);
const ATLASSIAN_SCOPES = new Set(['read', 'write', 'delete', 'admin', 'act_as_user', 'project_admin', 'access_email_addresses']);
/** Module types only Bitbucket has (the content test takes them as evidence too). */
export const BITBUCKET_MODULES: ReadonlySet<string> = new Set([
  'repoPages',
  'repoPage',
  'fileViews',
  'fileView',
  'webCards',
  'webCard',
  'profileTab',
  'profileTabs',
  'oauthConsumer',
  'linkers',
  'linker',
  'webItem',
  'webPanel',
  'generalPage',
  'adminPage',
  'helpPanel',
  'postInstallRedirect',
  'apiProxy',
  'fileEditors',
  'fileEditor',
]);
/** Where locations only Bitbucket has begin (`org.bitbucket.repository.navigation`…). */
export const BITBUCKET_LOCATION_PREFIX = 'org.bitbucket.';
const CONFLUENCE_MODULES =
  /^(confluence|dynamicContentMacros|staticContentMacros|blueprints|spaceToolsTabs|contentBylineItems|customContent|autoconvert|keyboardShortcuts$)/;
const JIRA_MODULES = /^(jira|serviceDesk|agile|jiraDashboardItems|webSections|reports)/;
const NOT_BITBUCKET_ROOT_KEYS = ['apiVersion', 'apiMigrations', 'enableLicensing'];

class Tally {
  readonly evidence = {
    bitbucket: [] as string[],
    jira: [] as string[],
    confluence: [] as string[],
    atlassian: [] as string[],
    hipchat: [] as string[],
  };
  /** What was added, for de-duplication in constant time (a descriptor repeats its locations). */
  private readonly seen = {
    bitbucket: new Set<string>(),
    jira: new Set<string>(),
    confluence: new Set<string>(),
    atlassian: new Set<string>(),
    hipchat: new Set<string>(),
  };
  add(kind: keyof Tally['evidence'], reason: string): void {
    if (this.seen[kind].has(reason)) return;
    this.seen[kind].add(reason);
    this.evidence[kind].push(reason);
  }
  othersCount(): number {
    const e = this.evidence;
    return e.jira.length + e.confluence.length + e.atlassian.length + e.hipchat.length;
  }
  /** Marker values already counted: a value always gives the same reason, built only once. */
  private readonly markers = new Set<string>();
  addMarker(kind: keyof Tally['evidence'], what: string, value: string): void {
    if (this.markers.has(value)) return;
    this.markers.add(value);
    this.add(kind, `${what} "${value}"`);
  }
}

export function detectProduct(root: Node | undefined, setting: ProductSetting = 'auto'): ProductDetection {
  if (setting !== 'auto') return { product: setting, evidence: [`the setting connectForgeLink.product is "${setting}"`], forced: true };
  if (!root) return { product: 'unknown', evidence: [], forced: false };
  const tally = new Tally();
  inspectRoot(root, tally);
  inspectModules(findProperty(root, 'modules')?.valueNode, tally);
  // Two or more Bitbucket markers at the top and nothing else: the values deeper down cannot
  // outweigh them, so the walk over every string (the costly part) is not needed.
  if (!(tally.evidence.bitbucket.length >= 2 && tally.othersCount() === 0)) inspectStrings(root, tally);
  return decide(tally);
}

function inspectRoot(root: Node, tally: Tally): void {
  if (findProperty(root, 'contexts')) tally.add('bitbucket', 'it declares "contexts"');
  if (findProperty(root, 'capabilities')) tally.add('hipchat', 'it declares "capabilities" (HipChat)');
  for (const key of NOT_BITBUCKET_ROOT_KEYS) if (findProperty(root, key)) tally.add('atlassian', `it declares "${key}"`);
  const scopes = findProperty(root, 'scopes')?.valueNode;
  for (const scopeNode of scopes?.type === 'array' ? (scopes.children ?? []) : []) {
    const scope = stringValue(scopeNode);
    if (scope === undefined) continue;
    if (BITBUCKET_SCOPES.has(scope)) tally.add('bitbucket', `its scopes include "${scope}"`);
    else if (ATLASSIAN_SCOPES.has(scope.toLowerCase())) tally.add('atlassian', `its scopes include "${scope}"`);
  }
}

function inspectModules(modules: Node | undefined, tally: Tally): void {
  for (const { name } of propertiesOf(modules)) {
    if (BITBUCKET_MODULES.has(name)) tally.add('bitbucket', `it has "${name}" modules`);
    else if (CONFLUENCE_MODULES.test(name)) tally.add('confluence', `it has "${name}" modules`);
    else if (JIRA_MODULES.test(name)) tally.add('jira', `it has "${name}" modules`);
  }
}

/** Locations, webhook events and URL context variables, wherever they occur. */
function inspectStrings(root: Node, tally: Tally): void {
  const stack: Node[] = [root];
  let visited = 0;
  // Markers sit in the first few thousand values; a bound keeps detection cheap on huge files.
  while (stack.length > 0 && visited < 20000) {
    const node = stack.pop() as Node;
    visited++;
    if (node.type === 'string' && typeof node.value === 'string') inspectString(node.value, tally);
    // One push per child: spreading a huge array into push() overflows the call stack.
    else if (node.children) for (const child of node.children) stack.push(child);
  }
}

/** The first letters of every location and event marker below: other strings skip those tests. */
const MARKER_FIRST_LETTERS = new Set([...'orpiajsbh'].map((letter) => letter.charCodeAt(0)));

function inspectString(value: string, tally: Tally): void {
  if (MARKER_FIRST_LETTERS.has(value.charCodeAt(0))) inspectMarker(value, tally);
  // Context variables need a brace: one native scan instead of three regular expressions.
  if (value.includes('{')) inspectContextVariables(value, tally);
}

function inspectMarker(value: string, tally: Tally): void {
  if (value.startsWith(BITBUCKET_LOCATION_PREFIX)) tally.addMarker('bitbucket', 'it uses the location', value);
  else if (/^(repo|pullrequest|issue):[a-z_]+$/.test(value)) tally.addMarker('bitbucket', 'it subscribes to', value);
  else if (
    value.startsWith('atl.jira.') ||
    value.startsWith('jira.') ||
    value === 'system.top.navigation.bar' ||
    value.startsWith('admin_plugins_menu')
  )
    tally.addMarker('jira', 'it uses the location', value);
  else if (/^jira:[a-z_]+$/.test(value)) tally.addMarker('jira', 'it subscribes to', value);
  else if (/^(page|blog|space|attachment|blueprint_page)_[a-z_]+$/.test(value)) tally.addMarker('confluence', 'it subscribes to', value);
  else if (value.startsWith('system.header/') || value.startsWith('system.content.'))
    tally.addMarker('confluence', 'it uses the location', value);
  else if (value.startsWith('hipchat.')) tally.addMarker('hipchat', 'it uses the location', value);
}

function inspectContextVariables(value: string, tally: Tally): void {
  if (/\{(repository\.|repo_(path|uuid)|pullrequest\.)/.test(value)) tally.add('bitbucket', 'its URLs use Bitbucket context variables');
  else if (/\{(issue|project)\.(key|id)\}/.test(value)) tally.add('jira', 'its URLs use Jira context variables');
  else if (/\{(page|space)\.(key|id)\}/.test(value)) tally.add('confluence', 'its URLs use Confluence context variables');
}

function decide(tally: Tally): ProductDetection {
  const e = tally.evidence;
  const others = e.jira.length + e.confluence.length + e.atlassian.length + e.hipchat.length;
  if (e.bitbucket.length > 0 && e.bitbucket.length >= others) return { product: 'bitbucket', evidence: e.bitbucket, forced: false };
  if (e.hipchat.length > 0 && e.hipchat.length >= e.jira.length + e.confluence.length)
    return { product: 'hipchat', evidence: e.hipchat, forced: false };
  // Markers of both (e.g. Jira and Confluence webhooks side by side) mean a multi-product descriptor.
  if (e.jira.length > 0 && e.confluence.length > 0)
    return { product: 'jira-or-confluence', evidence: [...e.jira, ...e.confluence, ...e.atlassian], forced: false };
  if (e.jira.length > e.confluence.length) return { product: 'jira', evidence: [...e.jira, ...e.atlassian], forced: false };
  if (e.confluence.length > e.jira.length) return { product: 'confluence', evidence: [...e.confluence, ...e.atlassian], forced: false };
  if (e.jira.length + e.atlassian.length > 0)
    return { product: 'jira-or-confluence', evidence: [...e.jira, ...e.confluence, ...e.atlassian], forced: false };
  return { product: 'unknown', evidence: [], forced: false };
}

/** Products whose descriptors never carry the Forge link keys. */
export function ignoresForgeKeys(product: Product): boolean {
  return product !== 'bitbucket' && product !== 'unknown';
}
