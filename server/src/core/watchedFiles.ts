/**
 * The files whose changes on disk the server follows, written once: the VS Code client creates
 * its watchers from this list, and the server asks other editors to watch the same.
 */
import { TEMPLATE_SUFFIXES } from './templates';

/** The files a Forge app's code is written in (searched for the Addon API's client-key call). */
export const FORGE_SOURCE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

export const MANIFEST_GLOB = '**/manifest.{yml,yaml}';
/**
 * The names of files any of which may be a descriptor by its content (compared in lower case):
 * JSON, and JSON with comments. The descriptor decision reads these; the watchers follow them.
 */
export const JSON_FILE_SUFFIXES: readonly string[] = ['.json', '.jsonc'];

/** JSON and JSONC files, any of which may be a descriptor by its content. */
export const JSON_FILE_GLOB = `**/*{${JSON_FILE_SUFFIXES.join(',')}}`;
/** Descriptor templates (`*.json.erb`, `*.json.hbs`, …), most of which VS Code does not take for JSON. */
export const TEMPLATE_GLOB = `**/*{${TEMPLATE_SUFFIXES.join(',')}}`;

/**
 * The names of descriptor templates that start the extension: those of the real ones
 * (`descriptor.json.erb`, `atlassian-connect.template.json`, `manifest.json.erb`, …). Not every
 * template: `*.template.json` (CloudFormation), `*.json.tpl` (Terraform) or `*.json.j2` (Ansible)
 * of any name would start it in projects that have nothing to do with Connect.
 */
export const TEMPLATE_ACTIVATION_STEMS: readonly string[] = ['atlassian-connect', 'connect', 'descriptor', 'manifest'];
export const TEMPLATE_ACTIVATION_GLOB = `**/{${TEMPLATE_ACTIVATION_STEMS.join(',')}}{${TEMPLATE_SUFFIXES.join(',')}}`;

export const WATCHED_FILE_GLOBS: readonly string[] = [
  MANIFEST_GLOB,
  // Descriptor candidates, so that closed files' diagnostics follow changes on disk.
  JSON_FILE_GLOB,
  TEMPLATE_GLOB,
  // A Forge app's source: a call of the client-key route makes forgeAppId needed.
  `**/*{${FORGE_SOURCE_EXTENSIONS.join(',')}}`,
];
