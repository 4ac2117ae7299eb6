// Every core constant the façade names (S.X, A.X, WS.X, WA.X, …) exists in the core's list:
// a missing one would read as undefined and silently turn a decision into "do nothing".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as core from '../js/platform/core.js';

test('the façade uses only constants the core exports', () => {
  const groups = ['S', 'A', 'WS', 'WA', 'OPT', 'AFTER_END', 'END_CB'];
  const dir = new URL('../js/', import.meta.url);
  const missing = [];
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const [, group, name] of source.matchAll(/\b(S|A|WS|WA|OPT|AFTER_END|END_CB)\.([A-Z][A-Z0-9_]*)\b/g)) {
      if (groups.includes(group) && core[group][name] === undefined) missing.push(`${file}: ${group}.${name}`);
    }
  }
  assert.deepEqual(missing, []);
});
