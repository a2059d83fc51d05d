/**
 * Seeded generators for the fuzz suite: Connect descriptors and Forge manifests built from the
 * pieces real files are made of (good and bad Forge values, nested and misspelled keys,
 * duplicates, comments, CRLF, tabs, BOM, templates), and mutations that break them the way
 * editing does (cuts, pastes, stray characters, truncation). Everything comes from one seed, so
 * a failing case is reproduced from its seed alone.
 *
 * Since issue 15 they also make the shapes that fuzzing of the CLI and the server found fixes to
 * mishandle: nested Forge keys with values over several lines, block comments over lines before a
 * member on its line (closing at column 0 too), CR-only files, and bytes that are not UTF-8; and,
 * since the layout audit, files whose line endings are mixed. Those choices come from a second
 * generator seeded from the same seed, so that every other choice a seed makes stays what it was
 * (each new one is drawn after the ones before it).
 */

/** mulberry32: small, fast and good enough to drive a fuzzer. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

export const UUID = '70df33c7-2f7f-4148-b923-bf8c15d7e874';
export const OTHER_UUID = 'f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
const SIGNATURE = 'e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa';

const LINKS = [
  `https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&product=bitbucket`,
  `https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&amp;product=bitbucket`,
  ` https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&product=bitbucket `,
  `http://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&product=bitbucket`,
  `https://developer.atlassian.com/console/install/${UUID}?product=bitbucket`,
  `https://developer.atlassian.com/console/install/${OTHER_UUID}?signature=${SIGNATURE}&product=jira`,
  `https://example.com/console/install/${UUID}?signature=x&product=bitbucket`,
  `https://developer.atlassian.com/console/myapps/${UUID}/overview`,
  `https://developer.atlassian.com/console/install/${UUID.toUpperCase()}?signature=${SIGNATURE}&product=bitbucket`,
  '{{forgeAppLink}}',
  '<%= forge_app_link %>',
  'https://developer.atlassian.com/console/install/<app-id>?signature=…&product=bitbucket',
  '',
  'not a link',
  'https://developer.atlassian.com/console/install/%E0%A4%A?signature=%&product=bitbucket',
  `https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&product=bitbucket\\/x\\u0026y`,
];

const APP_IDS = [
  `ari:cloud:ecosystem::app/${UUID}`,
  `ari:cloud:ecosystem::app/${OTHER_UUID}`,
  UUID,
  ` ari:cloud:ecosystem::app/${UUID} `,
  `ARI:CLOUD:ECOSYSTEM::APP/${UUID.toUpperCase()}`,
  `https://developer.atlassian.com/console/myapps/${UUID}/overview`,
  'ari:cloud:ecosystem::app/not-a-uuid',
  '${FORGE_APP_ID}',
  '{{ forgeAppId }}',
  '',
  'ari:cloud:ecosystem::app/',
];

const NEAR_MISSES = [
  'forgeAppID',
  'forge_app_link',
  'ForgeAppLink',
  'forgeAppUrl',
  'forge-app-id',
  'forgeAppARI',
  'forgeapplink',
  'forgeAppLnk',
];
const BITBUCKET_MODULES = ['webItems', 'webPanels', 'repoPages', 'fileViews', 'webhooks', 'adminPages'];
const JIRA_MODULES = ['jiraIssueGlances', 'generalPages', 'webSections'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Members as ordered pairs: duplicates are allowed, as in real files. */
type Members = [string, Value][];
type Value = Json | { members: Members };

function forgeValue(random: Random, key: 'forgeAppLink' | 'forgeAppId'): Value {
  if (random.chance(0.06)) return random.pick<Value>([null, 42, true, [], { members: [] }, ['x']]);
  return random.pick(key === 'forgeAppLink' ? LINKS : APP_IDS);
}

function moduleItem(random: Random, index: number): Value {
  const members: Members = [
    ['key', `module-${index}`],
    ['name', { members: [['value', `Module ${index}`]] }],
    ['url', random.pick(['/m?repo={repository.uuid}', '/m', '/m?issue={issue.key}', 'https://example.com/{{localBaseUrl}}'])],
    ['location', random.pick(['org.bitbucket.repository.navigation', 'atl.jira.view.issue.right.context', 'system.content.action'])],
  ];
  if (random.chance(0.15))
    members.push([
      random.pick(['forgeAppLink', 'forgeAppId']),
      random.chance(0.5) ? forgeValue(random, 'forgeAppId') : forgeValue(random, 'forgeAppLink'),
    ]);
  if (random.chance(0.2))
    members.push([
      'conditions',
      [
        {
          members: [
            ['condition', 'has_permission'],
            ['params', { members: [['permission', 'write']] }],
          ],
        },
      ],
    ]);
  return { members };
}

export function descriptorValue(random: Random): Value {
  const members: Members = [];
  const jira = random.chance(0.12);
  members.push(['key', random.pick(['my-app', 'bench-connect-app', '{{appKey}}', 'other'])]);
  if (random.chance(0.9)) members.push(['name', 'My app']);
  members.push(['baseUrl', random.pick(['https://example.com', '{{localBaseUrl}}'])]);
  if (random.chance(0.75)) members.push(['forgeAppLink', forgeValue(random, 'forgeAppLink')]);
  if (random.chance(0.6)) members.push(['forgeAppId', forgeValue(random, 'forgeAppId')]);
  if (random.chance(0.15))
    members.push([random.pick(NEAR_MISSES), random.chance(0.5) ? forgeValue(random, 'forgeAppLink') : forgeValue(random, 'forgeAppId')]);
  if (random.chance(0.1))
    members.push([random.pick(['forgeAppLink', 'forgeAppId']), forgeValue(random, random.chance(0.5) ? 'forgeAppLink' : 'forgeAppId')]);
  if (random.chance(0.2))
    members.push([
      'vendor',
      { members: [['name', 'Vendor'], ...(random.chance(0.5) ? ([['forgeAppId', forgeValue(random, 'forgeAppId')]] as Members) : [])] },
    ]);
  if (jira) {
    members.push(['apiVersion', 1], ['scopes', ['READ', 'WRITE']]);
  } else {
    if (random.chance(0.8)) members.push(['contexts', random.pick([['account'], ['personal'], []])]);
    if (random.chance(0.8)) members.push(['scopes', random.pick([['repository'], ['account', 'pullrequest'], []])]);
  }
  members.push(['authentication', { members: [['type', 'jwt']] }]);
  const modules: Members = [];
  const types = jira ? JIRA_MODULES : BITBUCKET_MODULES;
  for (let m = random.int(4); m > 0; m--) {
    const items: Value[] = [];
    for (let i = random.int(4); i > 0; i--) items.push(moduleItem(random, i));
    modules.push([random.pick(types), items as Json[]]);
  }
  if (random.chance(0.85)) members.push(['modules', { members: modules }]);
  // Shuffle the root a little: the Forge keys are not always next to "key".
  for (let i = random.int(3); i > 0; i--) {
    const a = random.int(members.length);
    const b = random.int(members.length);
    [members[a], members[b]] = [members[b], members[a]];
  }
  return { members };
}

export interface Style {
  readonly indent: string;
  readonly eol: '\n' | '\r\n' | '\r';
  readonly comments: boolean;
  readonly trailingCommas: boolean;
  readonly bom: boolean;
  readonly compact: boolean;
}

export function randomStyle(random: Random): Style {
  return {
    indent: random.pick(['  ', '    ', '\t', ' ']),
    eol: random.chance(0.35) ? '\r\n' : '\n',
    comments: random.chance(0.4),
    trailingCommas: random.chance(0.15),
    bom: random.chance(0.05),
    compact: random.chance(0.1),
  };
}

const COMMENTS = ['// a line comment', '/* a block comment */', '/* multi\n   line */', '// TODO: {"forgeAppId": "x"}'];
/** Before a member on its line: the member's line then begins inside the comment (issue 15 §3). */
const LEADING_BLOCK_COMMENTS = ['/* over\n   lines */ ', '/* closing at\n*/ ', '/* one line */ '];

/**
 * Serializes a value with the style: comments between members, CRLF, tabs, trailing commas.
 * `shapes` (optional) adds block comments over lines before members, on their lines.
 */
export function serialize(value: Value, style: Style, random: Random, shapes?: Random): string {
  const comment = () => random.pick(COMMENTS).replace(/\n/g, style.eol);
  const write = (v: Value, depth: number): string => {
    const pad = style.compact ? '' : style.indent.repeat(depth + 1);
    const close = style.compact ? '' : style.indent.repeat(depth);
    const nl = style.compact ? '' : style.eol;
    const entries = (parts: string[], open: string, end: string) => {
      if (parts.length === 0) return `${open}${end}`;
      const lines = parts.map((part, i) => {
        const lead = style.comments && !style.compact && random.chance(0.15) ? `${pad}${comment()}${nl}` : '';
        const trail = i < parts.length - 1 || style.trailingCommas ? ',' : '';
        const after = style.comments && !style.compact && random.chance(0.1) ? ` // after ${i}` : '';
        const before = shapes?.chance(0.06) ? shapes.pick(LEADING_BLOCK_COMMENTS).replace(/\n/g, style.eol) : '';
        return `${lead}${pad}${before}${part}${trail}${after}`;
      });
      return `${open}${nl}${lines.join(nl)}${nl}${close}${end}`;
    };
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'members' in v && Array.isArray(v.members)) {
      return entries(
        (v.members as Members).map(([k, item]) => `${JSON.stringify(k)}:${style.compact ? '' : ' '}${write(item, depth + 1)}`),
        '{',
        '}',
      );
    }
    if (Array.isArray(v))
      return entries(
        v.map((item) => write(item as Value, depth + 1)),
        '[',
        ']',
      );
    return JSON.stringify(v);
  };
  const text = `${write(value, 0)}${style.eol}`;
  const head = style.comments && random.chance(0.3) ? `// Connect descriptor${style.eol}` : '';
  return `${style.bom ? '\ufeff' : ''}${head}${text}`;
}

const NOISE = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '/',
  '*',
  '\n',
  '\r\n',
  ' ',
  'forgeAppId',
  '"forgeAppLink": ',
  '//',
  '/*',
  '\u2028',
  '\ud83d\ude00',
  '\ud800',
  '{{',
  '}}',
  'null',
  '0',
  '-',
];

/** Breaks a text the way editing does: cut, paste, stray characters, truncation, swapped halves. */
export function mutate(text: string, random: Random, count = 1 + random.int(3)): string {
  let result = text;
  for (let i = 0; i < count; i++) {
    const at = random.int(result.length + 1);
    const length = 1 + random.int(Math.min(40, result.length + 1));
    switch (random.int(6)) {
      case 0:
        result = result.slice(0, at) + result.slice(at + length);
        break;
      case 1:
        result = result.slice(0, at) + random.pick(NOISE) + result.slice(at);
        break;
      case 2: {
        const from = random.int(result.length + 1);
        result = result.slice(0, at) + result.slice(from, from + length) + result.slice(at);
        break;
      }
      case 3:
        result = result.slice(0, at);
        break;
      case 4:
        result = result.slice(0, at) + random.pick(NOISE) + result.slice(at + 1);
        break;
      default: {
        const middle = random.int(result.length + 1);
        result = result.slice(middle) + result.slice(0, middle);
      }
    }
  }
  return result;
}

/** Values over several lines (when the style is not compact) for nested Forge keys (issue 15 §2). */
const MULTI_LINE_VALUES: readonly Value[] = [
  { members: [['url', LINKS[0]]] },
  {
    members: [
      ['value', APP_IDS[0]],
      ['note', { members: [['a', [1, 2]]] }],
    ],
  },
  [APP_IDS[0], LINKS[0]],
  [{ members: [['url', 'x']] }],
];

/** Gives some Forge keys below the root a value over several lines. */
function withMultiLineForgeValues(value: Value, shapes: Random, depth = 0): Value {
  if (Array.isArray(value)) return value.map((item) => withMultiLineForgeValues(item as Value, shapes, depth + 1) as Json);
  if (value === null || typeof value !== 'object' || !('members' in value)) return value;
  return {
    members: (value.members as Members).map(([key, item]): [string, Value] =>
      depth > 0 && /^forgeApp(Link|Id)$/.test(key) && shapes.chance(0.5)
        ? [key, shapes.pick(MULTI_LINE_VALUES)]
        : [key, withMultiLineForgeValues(item, shapes, depth + 1)],
    ),
  };
}

/** The second generator of a seed, for the shapes added after the first was fixed. */
function shapesOf(seed: number): Random {
  return new Random(seed ^ 0x15151515);
}

const LINE_BREAKS = ['\n', '\r\n', '\r'] as const;

/** Some of a text's line breaks swapped for another kind, as in a file edited on two systems. */
function withMixedLineBreaks(text: string, eol: Style['eol'], shapes: Random): string {
  const other = shapes.pick(LINE_BREAKS.filter((kind) => kind !== eol));
  return text.replace(/\r\n|\r|\n/g, (kind) => (shapes.chance(0.3) ? other : kind));
}

export function randomDescriptor(seed: number): string {
  const random = new Random(seed);
  const shapes = shapesOf(seed);
  const value = withMultiLineForgeValues(descriptorValue(random), shapes);
  const randomised = randomStyle(random);
  const style = shapes.chance(0.1) ? { ...randomised, eol: '\r' as const } : randomised;
  const text = serialize(value, style, random, shapes);
  return shapes.chance(0.12) ? withMixedLineBreaks(text, style.eol, shapes) : text;
}

/**
 * A descriptor as bytes that are not UTF-8 (the CLI reads them, but must not write them back):
 * Latin-1 text, a stray 0xFF, a multi-byte sequence cut short, or UTF-16 with its BOM.
 */
export function nonUtf8Descriptor(seed: number): Buffer {
  const random = new Random(seed ^ 0x0bad);
  const text = randomDescriptor(seed);
  const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  switch (random.int(4)) {
    case 0:
      // A comment keeps the JSON valid: only the bytes are wrong.
      return Buffer.from(`// Café${eol}${text}`, 'latin1');
    case 1: {
      const bytes = Buffer.from(text, 'utf8');
      const at = random.int(bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    }
    case 2:
      return Buffer.from(`${text}// €`, 'utf8').subarray(0, -1);
    default:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
}

// ---- manifests ----

const MANIFEST_APP_IDS = [
  `ari:cloud:ecosystem::app/${UUID}`,
  `ari:cloud:ecosystem::app/${OTHER_UUID}`,
  UUID,
  '${FORGE_APP_ID}',
  '${FORGE_APP_ID:-ari:cloud:ecosystem::app/' + UUID + '}',
  '${FORGE_APP_ID:ari:cloud:ecosystem::app/' + OTHER_UUID + '}',
  '"ari:cloud:ecosystem::app/' + UUID + '"',
  "'ari:cloud:ecosystem::app/" + UUID + "'",
  '',
  '~',
  '[1, 2]',
  '{ a: 1 }',
  '*anchor',
  '!!binary aGVsbG8=',
  'ari:cloud:ecosystem::app/',
];

export function randomManifest(seed: number): string {
  const random = new Random(seed);
  const eol = random.chance(0.3) ? '\r\n' : '\n';
  const indent = random.pick(['  ', '    ']);
  const lines: string[] = [];
  if (random.chance(0.3)) lines.push('# Forge manifest');
  if (random.chance(0.8)) {
    lines.push('modules:');
    for (const type of random.chance(0.5) ? ['bitbucket:repoPage', 'webtrigger'] : ['jira:issuePanel']) {
      lines.push(`${indent}${type}:`, `${indent}${indent}- key: m-${random.int(9)}`, `${indent}${indent}${indent}resource: main`);
    }
  }
  if (random.chance(0.1)) lines.push('base: &base', `${indent}id: ari:cloud:ecosystem::app/${UUID}`);
  if (random.chance(0.92)) {
    lines.push(random.chance(0.1) ? 'app: *base' : 'app:');
    if (random.chance(0.85)) lines.push(`${indent}id: ${random.pick(MANIFEST_APP_IDS)}${random.chance(0.2) ? ' # the app' : ''}`);
    if (random.chance(0.5))
      lines.push(`${indent}connect:`, `${indent}${indent}key: ${random.pick(['my-app', 'bench-connect-app', '${CONNECT_KEY}', ''])}`);
    if (random.chance(0.3))
      lines.push(`${indent}licensing:`, `${indent}${indent}enabled: ${random.pick(['true', 'false', 'yes', '"true"'])}`);
    if (random.chance(0.5)) lines.push(`${indent}runtime:`, `${indent}${indent}name: nodejs20.x`);
    if (random.chance(0.08)) lines.push(`${indent}id: ari:cloud:ecosystem::app/${OTHER_UUID}`);
  }
  if (random.chance(0.3))
    lines.push(
      'environment:',
      `${indent}variables:`,
      `${indent}${indent}- key: FORGE_APP_ID`,
      `${indent}${indent}${indent}default: ari:cloud:ecosystem::app/${UUID}`,
    );
  if (random.chance(0.1)) lines.push('---', 'second: document');
  const text = lines.join(eol) + (random.chance(0.8) ? eol : '');
  return random.chance(0.35) ? mutate(text, random) : text;
}
