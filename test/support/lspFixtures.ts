/**
 * Texts and temporary workspaces for the LSP tests: descriptors of each product, Forge manifests,
 * and URIs of documents that need not exist on disk.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { bitbucket } from './core';

export const UUID = '70df33c7-2f7f-4148-b923-bf8c15d7e874';
export const OTHER_UUID = 'f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
export const THIRD_UUID = '0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c';
export const FOURTH_UUID = 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f';
export const ari = (uuid: string): string => `ari:cloud:ecosystem::app/${uuid}`;
export const ARI = ari(UUID);
export const SIGNATURE = 'e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa';
export const link = (uuid: string = UUID): string =>
  `https://developer.atlassian.com/console/install/${uuid}?signature=${SIGNATURE}&product=bitbucket`;
export const LINK = link();

/** A URI for a document that only lives in the editor (nothing is read from disk for it). */
export function memoryUri(relative: string): string {
  return URI.file(path.join(os.tmpdir(), 'connect-forge-link-lsp', relative)).toString();
}

/** A small Bitbucket descriptor (2-space indent, LF) with extra root lines spliced in after "key". */
export function bitbucketDescriptor(extra: readonly string[] = []): string {
  return bitbucket(extra.join('\n'));
}

export function jiraDescriptor(): string {
  return [
    '{',
    '  "key": "my-jira-app",',
    '  "name": "My Jira app",',
    '  "baseUrl": "https://example.com",',
    '  "apiVersion": 1,',
    '  "scopes": ["READ", "WRITE"],',
    '  "modules": {',
    '    "jiraIssueGlances": [{ "key": "g", "name": { "value": "G" }, "content": { "type": "label", "label": { "value": "G" } }, "target": { "type": "web_panel", "url": "/g" } }]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A manifest.yml's text, with `app.id` (omitted when undefined) and optional extra app lines. */
export function manifestText(appId: string | undefined, appLines: readonly string[] = []): string {
  return [
    'modules:',
    '  bitbucket:repoMainMenuPage:',
    '    - key: main',
    '      resource: main',
    '      title: Main',
    'resources:',
    '  - key: main',
    '    path: static/main/build',
    'app:',
    '  runtime:',
    '    name: nodejs22.x',
    ...(appId === undefined ? [] : [`  id: ${appId}`]),
    ...appLines.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** A temporary folder tree; `write` creates files (and folders) in it, `remove` deletes them. */
export class TempWorkspace {
  readonly root: string;

  constructor(prefix = 'cfl-lsp-') {
    // realpath: the server reports locations of real paths (macOS's /tmp is a link).
    this.root = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  }

  path(relative: string): string {
    return path.join(this.root, ...relative.split('/'));
  }

  uri(relative = ''): string {
    return URI.file(relative ? this.path(relative) : this.root).toString();
  }

  exists(relative: string): boolean {
    return existsSync(this.path(relative));
  }

  write(relative: string, text: string): string {
    const file = this.path(relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return this.uri(relative);
  }

  /** Initialize parameters that open this folder as the one workspace folder. */
  asWorkspaceFolder(): { rootUri: string; workspaceFolders: { uri: string; name: string }[] } {
    return { rootUri: this.uri(), workspaceFolders: [{ uri: this.uri(), name: path.basename(this.root) }] };
  }

  remove(relative: string): string {
    rmSync(this.path(relative), { force: true, recursive: true });
    return this.uri(relative);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
