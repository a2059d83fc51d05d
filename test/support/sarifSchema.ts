/** The OASIS SARIF 2.1.0 schema (test/fixtures/sarif, see its README), compiled by Ajv. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_FILE = path.resolve(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as { $id: string; $schema: string; title: string };
  assert.equal(schema.$id, 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json');
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  // Strict, but for `required` inside anyOf branches naming properties declared beside them: the schema's own style.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

/** Parses a SARIF log and holds it to the schema. */
export function validSarif<T>(output: string): T {
  const validate = sarifValidator();
  const log = JSON.parse(output) as T;
  assert.ok(validate(log), `not valid SARIF 2.1.0: ${JSON.stringify(validate.errors, null, 2)}`);
  return log;
}
