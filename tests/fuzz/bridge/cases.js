// Saved bridge cases: a failing script, shrunk, with what it showed. cases/ holds fixed ones,
// run by tests/bridgefuzz.test.js; cases/pending/ holds open ones, not run by CI yet.

import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const casesDir = fileURLToPath(new URL('./cases/', import.meta.url));
export const pendingDir = join(casesDir, 'pending');

export function loadCases(dir = casesDir) {
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ file: join(dir, name), ...JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

export function saveCase(dir, seed, script, finding) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `seed-${seed}.json`);
  writeFileSync(file, `${JSON.stringify({ seed, finding, script }, null, 2)}\n`);
  return file;
}
