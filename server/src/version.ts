/**
 * The product's version, written once: the root package.json's. esbuild writes it into the
 * bundles (scripts/bundle.mjs defines CONNECT_FORGE_LINK_VERSION); code run from source (the
 * tests, under tsx) reads it from that file.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const CONNECT_FORGE_LINK_VERSION: string | undefined;

export const VERSION: string = typeof CONNECT_FORGE_LINK_VERSION === 'string' ? CONNECT_FORGE_LINK_VERSION : versionFromSource();

function versionFromSource(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
