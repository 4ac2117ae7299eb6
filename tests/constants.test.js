// Every core constant the façade names (S.X, A.X, WS.X, WA.X, …) exists in the core's list:
// a missing one would read as undefined and silently turn a decision into "do nothing". And
// every action the core can return is carried out by name somewhere in the façade: an action
// the façade never tests is a decision the core makes and nobody honours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as core from '../js/platform/core.js';

/** Every façade source file, with its path under js/. */
function facadeSources() {
  const dir = new URL('../js/', import.meta.url);
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))
    .map((file) => [file, readFileSync(new URL(file, dir), 'utf8')]);
}

test('the façade uses only constants the core exports', () => {
  const groups = ['S', 'A', 'WS', 'WA', 'OPT', 'AFTER_END', 'END_CB'];
  const missing = [];
  for (const [file, source] of facadeSources()) {
    for (const [, group, name] of source.matchAll(/\b(S|A|WS|WA|OPT|AFTER_END|END_CB)\.([A-Z][A-Z0-9_]*)\b/g)) {
      if (groups.includes(group) && core[group][name] === undefined) missing.push(`${file}: ${group}.${name}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every action the core returns is carried out by the façade', () => {
  const used = new Set();
  for (const [, source] of facadeSources()) {
    for (const [, group, name] of source.matchAll(/\b(A|WA)\.([A-Z][A-Z0-9_]*)\b/g)) used.add(`${group}.${name}`);
  }
  const ignored = ['A', 'WA'].flatMap((group) => Object.keys(core[group]).map((name) => `${group}.${name}`))
    .filter((name) => !used.has(name));
  assert.deepEqual(ignored, []);
});
