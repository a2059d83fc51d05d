/**
 * Which files are descriptors: the one decision the server (per document version), the CLI (per
 * file of the folders it searches) and any other LSP client share. A file is a descriptor by its
 * name (`atlassian-connect.json`), by one of the user's globs, or by its content (the core's
 * content test on the top-level members), a template's content read with its tags set aside.
 */
import { URI } from 'vscode-uri';
import {
  JSON_FILE_SUFFIXES,
  capText,
  descriptorContent,
  isTemplateName,
  neutralTemplateText,
  sizeOverCap,
  startsWithTemplateTag,
} from '../core';
import type { default as Zeptomatch } from 'zeptomatch' with { 'resolution-mode': 'import' };

// zeptomatch (8 kB minified, picomatch's 24 kB would put the server bundle over its budget) is an
// ES module only: esbuild bundles it into the CommonJS server, and Node (≥ 20.19) requires it when
// the sources run directly (tests). TypeScript's node16 mode cannot import it statically.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zeptomatch = (require('zeptomatch') as { default: typeof Zeptomatch }).default;

export const DEFAULT_DESCRIPTOR_NAME = 'atlassian-connect.json';

/**
 * Beyond this size a file's content is not read to decide (its name or a glob still can): real
 * descriptors are a few kilobytes (the corpus's largest is 9 KB).
 */
export const MAX_CONTENT_TEST_BYTES = 1024 * 1024;

/** How much of a file over the cap is read to rule it out: what formats put first (a lock file's version) is well within. */
export const MAX_HEAD_BYTES = 4096;

export type DescriptorReason = 'name' | 'glob' | 'content' | 'template';

export interface DescriptorSelection {
  /** `connectForgeLink.descriptorGlobs` (or the CLI's --descriptor-glob). */
  readonly globs: readonly string[];
  /** Folder URIs the globs are also matched relative to. */
  readonly workspaceFolders?: readonly string[];
}

export interface DescriptorCandidate {
  /** The document's URI (`file:`, `untitled:`…). */
  readonly uri: string;
  /** The text, or how to read it (undefined when it cannot be read): read only when the name and the globs do not decide. */
  readonly text: string | (() => string | undefined);
  /** Its size, when known before reading (from a stat): over MAX_CONTENT_TEST_BYTES the content is not read. */
  readonly size?: number;
  /**
   * How to read its first MAX_HEAD_BYTES, when its size (from a stat) is over the cap: what they say
   * of the file (a lock file's `lockfileVersion`) rules it out without calling it too large to read.
   */
  readonly head?: () => string | undefined;
  /** The editor's language for the document: json and jsonc documents are looked at whatever their name. */
  readonly languageId?: string;
}

export interface DescriptorVerdict {
  readonly descriptor: boolean;
  /** Why it is one, when it is. */
  readonly reason?: DescriptorReason;
  /** The name, the glob, or the members that decided (or what ruled the file out), for --list-descriptors and logs. */
  readonly detail: string;
  /**
   * Whether the text (its content or size) decided: what a per-version cache needs. A verdict
   * from the name or a glob holds for every version of the document, until the settings change;
   * one from the text, for that version only.
   */
  readonly byContent: boolean;
  /** Set when the file was over the size cap, so its content was not read. */
  readonly tooLarge?: boolean;
  /** Set on a file over the cap whose first bytes start as a descriptor does (a string `key` or `baseUrl` at the root). */
  readonly startsAsDescriptor?: true;
}

const CONTENT_LANGUAGES = new Set(['json', 'jsonc']);

/** The decision. Cheap: a name or glob decides without the text; the content test reads the root's members only. */
export function descriptorVerdict(candidate: DescriptorCandidate, selection: DescriptorSelection): DescriptorVerdict {
  const path = URI.parse(candidate.uri).path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === DEFAULT_DESCRIPTOR_NAME) return { descriptor: true, reason: 'name', detail: DEFAULT_DESCRIPTOR_NAME, byContent: false };
  const glob = matchingGlob(candidate.uri, selection.globs, selection.workspaceFolders);
  if (glob !== undefined) return { descriptor: true, reason: 'glob', detail: glob, byContent: false };

  const templateName = isTemplateName(name);
  if (!templateName && !readsContent(name, candidate.languageId)) {
    return { descriptor: false, detail: 'neither JSON nor a descriptor template', byContent: false };
  }
  if (candidate.size !== undefined && candidate.size > MAX_CONTENT_TEST_BYTES)
    return overCap(candidate.head?.(), templateName, candidate.size);
  const text = typeof candidate.text === 'function' ? candidate.text() : candidate.text;
  if (text === undefined) return { descriptor: false, detail: 'it could not be read', byContent: true };
  // (An open document over the cap is not ours either way: its first bytes would only say why, at a cost per version.)
  if (text.length > MAX_CONTENT_TEST_BYTES) return tooLarge(text.length);

  const template = templateName || startsWithTemplateTag(text);
  const content = contentOf(text, template);
  return {
    descriptor: content.descriptor,
    ...(content.descriptor ? { reason: template ? ('template' as const) : ('content' as const) } : {}),
    detail: content.detail,
    byContent: true,
  };
}

/**
 * The half of the decision the path gives: whether the file may be a descriptor at all (its name,
 * a glob, a JSON file, a template), so that a folder search reads only those.
 */
export function mayBeDescriptor(uri: string, selection: DescriptorSelection, languageId?: string): boolean {
  const path = URI.parse(uri).path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    name === DEFAULT_DESCRIPTOR_NAME ||
    isTemplateName(name) ||
    readsContent(name, languageId) ||
    matchingGlob(uri, selection.globs, selection.workspaceFolders) !== undefined
  );
}

/** JSON files are told by their content: by name (`*.json`, `*.jsonc`) or by the editor's language. */
function readsContent(name: string, languageId: string | undefined): boolean {
  const lowerCase = name.toLowerCase();
  return JSON_FILE_SUFFIXES.some((suffix) => lowerCase.endsWith(suffix)) || CONTENT_LANGUAGES.has(languageId ?? '');
}

/** The content test, on a template's text read with its tags set aside. */
function contentOf(text: string, template: boolean) {
  return descriptorContent(template ? neutralTemplateText(text) : text);
}

/** A file over the size cap: too large to read, unless its first bytes already rule it out. */
function overCap(head: string | undefined, templateName: boolean, size: number): DescriptorVerdict {
  const content = head === undefined ? undefined : contentOf(head, templateName || startsWithTemplateTag(head));
  if (content?.ruledOut) return { descriptor: false, detail: content.detail, byContent: true };
  return { ...tooLarge(size), ...(content?.startsAsDescriptor ? { startsAsDescriptor: true } : {}) };
}

function tooLarge(size: number): DescriptorVerdict {
  return {
    descriptor: false,
    detail: `${sizeOverCap(size, MAX_CONTENT_TEST_BYTES)}, over the ${capText(MAX_CONTENT_TEST_BYTES)} up to which content is read`,
    byContent: true,
    tooLarge: true,
  };
}

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(glob: string): (path: string) => boolean {
  let match = matcherCache.get(glob);
  if (!match) {
    // Dot files and folders match as any other; Windows paths compare without case, as its file system does.
    const caseless = process.platform === 'win32';
    const pattern = caseless ? glob.toLowerCase() : glob;
    match = (path) => zeptomatch(pattern, caseless ? path.toLowerCase() : path);
    matcherCache.set(glob, match);
  }
  return match;
}

/** The first glob the path matches (absolute, or relative to one of the folders), if any. */
function matchingGlob(uri: string, globs: readonly string[], workspaceFolders: readonly string[] = []): string | undefined {
  if (globs.length === 0) return undefined;
  const path = URI.parse(uri).path;
  const candidates = [path, path.replace(/^\//, '')];
  for (const folder of workspaceFolders) {
    const folderPath = URI.parse(folder).path.replace(/\/?$/, '/');
    if (path.startsWith(folderPath)) candidates.push(path.slice(folderPath.length));
  }
  return globs.find((glob) => {
    const match = matcher(glob);
    return candidates.some((candidate) => match(candidate));
  });
}
