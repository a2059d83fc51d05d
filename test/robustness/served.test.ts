/**
 * Served descriptors are whatever a server sends: generated and mutated descriptors (and texts that
 * are none) through analyzeServed against generated local descriptors, and their findings placed on
 * the local one. Nothing throws, a text that cannot be checked is a named failure, every finding lies
 * inside the served text and, placed, inside the local one, and none offers a fix.
 */
import * as assert from 'node:assert/strict';
import { analyze, analyzeServed, placeOnLocal } from '../../server/src/core';
import { Random, mutate, randomDescriptor } from './generators';

const SEEDS = 1500;
const BASE_SEED = 0x5e4e;
const URL_ = 'https://app.example.com/atlassian-connect.json';

function check(served: string, localText: string, label: string): void {
  const local = analyze(localText);
  const result = analyzeServed(served, {
    url: URL_,
    local: { label: 'atlassian-connect.json', location: '/w/atlassian-connect.json', text: localText, analysis: local },
  });
  if (!result.ok) {
    assert.ok(result.message.includes(URL_), `${label}: the failure names the URL: ${result.message}`);
    return;
  }
  assert.deepEqual(result.failures, [], `${label}: no rule throws`);
  for (const finding of result.findings) {
    assert.ok(
      finding.start >= 0 && finding.start <= finding.end && finding.end <= served.length,
      `${label}: ${finding.ruleId} inside the served text`,
    );
    assert.deepEqual(finding.fixes, [], `${label}: ${finding.ruleId} offers no fix on a served text`);
  }
  if (!local.parsed.root) return;
  for (const placed of placeOnLocal(result.findings, served, URL_, {
    text: localText,
    parsed: local.parsed,
    location: '/w/atlassian-connect.json',
  })) {
    assert.ok(
      placed.start >= 0 && placed.start <= placed.end && placed.end <= localText.length,
      `${label}: ${placed.ruleId} placed inside the local text`,
    );
    assert.ok(placed.message.includes(URL_), `${label}: the placed message names the URL`);
  }
}

describe('robustness: served descriptors', () => {
  it(`${SEEDS} generated and mutated served texts against generated local descriptors`, () => {
    for (let i = 0; i < SEEDS; i++) {
      const seed = BASE_SEED + i;
      const random = new Random(seed);
      const local = randomDescriptor(seed);
      const served = random.chance(0.5) ? mutate(local, random) : randomDescriptor(seed + SEEDS);
      check(served, local, `seed ${seed}`);
      check(local, mutate(local, random), `seed ${seed} (local mutated)`);
    }
  });

  it('texts that are no descriptor: HTML, XML, binary, deep nesting, a BOM alone, a 5 MB string', () => {
    const local = randomDescriptor(BASE_SEED);
    for (const served of [
      '<html><head><title>x</title></head></html>',
      '<?xml version="1.0"?><a/>',
      '\u0000\u0001\u0002\uFFFD',
      '['.repeat(20_000),
      '{"a":'.repeat(20_000),
      '\uFEFF',
      `{"key": "${'x'.repeat(5 * 1024 * 1024 - 20)}"}`,
      'null',
      '"a string"',
    ])
      check(served, local, JSON.stringify(served.slice(0, 30)));
  });
});
