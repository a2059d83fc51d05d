/**
 * The size floor of a server with our libraries (issue 10's measure): the bare server of the
 * latency benchmark plus what we use of `yaml` and `jsonc-parser`, kept by the bundler because
 * it is reachable. It is bundled only, never run.
 */
import { parseTree, modify, applyEdits, visit } from 'jsonc-parser';
import { parseAllDocuments, parseDocument, isMap, isScalar, LineCounter } from 'yaml';
import './bareServer';

Object.assign(globalThis, {
  floorLibraries: { parseTree, modify, applyEdits, visit, parseAllDocuments, parseDocument, isMap, isScalar, LineCounter },
});
