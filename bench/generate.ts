/**
 * Generated Bitbucket Cloud descriptors for the benchmarks: many modules, long strings and deep
 * but legal nesting (composite conditions), with forgeAppLink/forgeAppId carrying a few problems
 * so that the rules have something to report and fix. Deterministic: the same size gives the
 * same text on every run.
 */

export const UUID = '70df33c7-2f7f-4148-b923-bf8c15d7e874';
export const SIGNATURE = 'e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa';

/** A small deterministic PRNG (mulberry32): the benchmarks and the fuzz suite need repeatable input. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'repository',
  'pull request',
  'pipeline',
  'branch',
  'commit',
  'review',
  'deploy',
  'issue',
  'snippet',
  'workspace',
  'build',
  'status',
];
const LOCATIONS = [
  'org.bitbucket.repository.navigation',
  'org.bitbucket.repository.actions',
  'org.bitbucket.pullrequest.overview.informationPanel',
  'org.bitbucket.commit.summary.actions',
  'org.bitbucket.branch.summary.actions',
];
const EVENTS = ['repo:push', 'repo:fork', 'pullrequest:created', 'pullrequest:updated', 'pullrequest:fulfilled', 'issue:created'];
const MODULE_TYPES = ['webItems', 'webPanels', 'repoPages', 'fileViews', 'webCards', 'adminPages'];

function sentence(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(random() * WORDS.length)]);
  return parts.join(' ');
}

/** A composite condition nested `depth` levels deep (Connect allows and/or trees). */
function condition(random: () => number, depth: number): unknown {
  if (depth === 0)
    return { condition: 'has_permission', params: { permission: random() < 0.5 ? 'write' : 'admin' }, invert: random() < 0.2 };
  return { type: random() < 0.5 ? 'and' : 'or', conditions: [condition(random, depth - 1), { condition: 'is_logged_in' }] };
}

function moduleItem(random: () => number, index: number, type: string): unknown {
  const key = `${type.replace(/s$/, '').toLowerCase()}-${index}`;
  const item: Record<string, unknown> = {
    key,
    name: { value: `${sentence(random, 3)} ${index}`, i18n: `${key}.name` },
    url: `/${key}?repo={repository.uuid}&user={user.uuid}&ctx={repo_path}`,
    location: LOCATIONS[index % LOCATIONS.length],
    conditions: [condition(random, 2 + (index % 7))],
    params: {
      description: sentence(random, 20 + Math.floor(random() * 60)),
      weight: index % 100,
      tags: [sentence(random, 1), sentence(random, 1)],
    },
  };
  if (type === 'webPanels') item.tooltip = { value: sentence(random, 12) };
  if (type === 'webItems' && index % 48 === 0)
    item.vendor = { note: 'copied from an old descriptor', forgeAppId: `ari:cloud:ecosystem::app/${UUID}` };
  return item;
}

/**
 * A Bitbucket descriptor of at least `targetBytes` characters (a little more: whole modules are
 * added), indented with two spaces. Its forgeAppLink uses `&amp;` (html-escaped), its forgeAppId
 * has spaces around it, and a few modules carry a nested forgeAppId: each one a finding with a fix.
 */
export function descriptorOfSize(targetBytes: number, seed = 1): string {
  // The size estimate while building is rough (indentation): one calibration pass fixes it.
  const small = targetBytes < 2000;
  const first = build(targetBytes, seed, small);
  return small || (first.length >= targetBytes * 0.97 && first.length <= targetBytes * 1.06)
    ? first
    : build(targetBytes * (targetBytes / first.length), seed, small);
}

function build(targetBytes: number, seed: number, small: boolean): string {
  const random = prng(seed);
  const modules: Record<string, unknown[]> = {};
  for (const type of MODULE_TYPES) modules[type] = [];
  const webhooks: unknown[] = [];
  const descriptor: Record<string, unknown> = {
    key: 'bench-connect-app',
    name: 'Benchmark Connect app',
    description: sentence(random, 40),
    vendor: { name: 'Bench Vendor', url: 'https://vendor.example.com' },
    baseUrl: 'https://bench.example.com',
    forgeAppLink: `https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&amp;product=bitbucket`,
    forgeAppId: ` ari:cloud:ecosystem::app/${UUID} `,
    authentication: { type: 'jwt' },
    lifecycle: { installed: '/installed', uninstalled: '/uninstalled' },
    contexts: ['account'],
    scopes: ['account', 'repository', 'pullrequest'],
    modules: { ...modules, webhooks },
  };
  const base = JSON.stringify(descriptor, null, 2).length;
  let size = base;
  for (let index = 0; size < targetBytes; index++) {
    const type = MODULE_TYPES[index % MODULE_TYPES.length];
    const item = moduleItem(random, index, type);
    modules[type].push(item);
    size += JSON.stringify(item, null, 2).length * 1.35 + 8; // indentation grows with nesting in the final text
    if (index % 10 === 0) {
      const hook = { event: EVENTS[index % EVENTS.length], url: `/hooks/${index}` };
      webhooks.push(hook);
      size += 60;
    }
  }
  descriptor.modules = { ...modules, webhooks };
  if (small) {
    // The smallest size: a short hand-written descriptor.
    descriptor.description = 'A small app.';
    descriptor.modules = {
      webItems: [{ key: 'w', location: LOCATIONS[0], url: '/w?repo={repository.uuid}', name: { value: 'Open' } }],
      webhooks: [{ event: 'repo:push', url: '/hooks/push' }],
    };
  }
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}

/** A descriptor as someone types it (~3 KB): the "typical" size for the editor latency. */
export function typicalDescriptor(): string {
  return descriptorOfSize(3 * 1024, 7);
}
