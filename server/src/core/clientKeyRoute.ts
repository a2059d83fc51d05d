/**
 * The Forge app's own code says whether `forgeAppId` is needed: a Forge app that reads its Connect
 * installation's clientKey calls ``api.asApp().requestBitbucket(route`/2.0/addon/{addon-key}/client-key`)``,
 * which answers only when the descriptor's forgeAppId is the manifest's app.id (and the
 * installations have been updated). This finds that route in a source text; the search of the
 * Forge app's files is the workspace's (workspace/forgeSourceSearch.ts).
 */
import { LineRange, linePosition } from './lines';

/** The route in a string or template literal, its addon key segment captured. */
const ROUTE = /(?<=["'`])\/2\.0\/addon\/([^/\s"'`]+)\/client-key(?=["'`?/])/g;
/** A Connect app key written out (not `${key}`, `{addon-key}` or `:key`). */
const LITERAL_KEY = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

export interface ClientKeyRoute {
  readonly start: number;
  readonly end: number;
  /** The Connect app key the route names, when it is written out. */
  readonly addonKey?: string;
}

/** Where a source text names the client-key route, outside line comments and comment blocks' lines. */
export function findClientKeyRoutes(text: string): ClientKeyRoute[] {
  if (!text.includes('/client-key')) return [];
  const routes: ClientKeyRoute[] = [];
  for (const match of text.matchAll(ROUTE)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const before = text.slice(lineStart, match.index);
    if (/^\s*(\/\/|\/?\*)/.test(before) || /(^|\s)\/\//.test(before)) continue;
    const segment = match[1];
    routes.push({
      start: match.index,
      end: match.index + match[0].length,
      ...(LITERAL_KEY.test(segment) ? { addonKey: segment } : {}),
    });
  }
  return routes;
}

/** A call of the route in one of the Forge app's files, as the index hands it to the core. */
export interface ClientKeyCall {
  /** How the caller names the file to a user (workspace-relative, or relative to the CLI's folder). */
  readonly label: string;
  /** Where it is (URI or path, as the caller uses it), for related locations. */
  readonly location: string;
  /** The route's place in that file, as lines and UTF-16 columns (0-based). */
  readonly range: LineRange;
  readonly addonKey?: string;
}

/** The calls of one source text, with their line ranges. */
export function clientKeyCalls(text: string, label: string, location: string): ClientKeyCall[] {
  return findClientKeyRoutes(text).map((route) => ({
    label,
    location,
    range: { start: linePosition(text, route.start), end: linePosition(text, route.end) },
    ...(route.addonKey !== undefined ? { addonKey: route.addonKey } : {}),
  }));
}

/** `src/index.js:12` (1-based line), for messages. */
export function callPlace(call: ClientKeyCall): string {
  return `${call.label}:${call.range.start.line + 1}`;
}
