// Saved fuzz cases: a failing script, shrunk, with the seed it came from (tests/fuzz/cases/).

import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const casesDir = fileURLToPath(new URL('./cases/', import.meta.url));

/** Every saved case as {file, seed, script, divergence}. */
export function loadCases() {
  let names;
  try {
    names = readdirSync(casesDir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ file: join(casesDir, name), ...JSON.parse(readFileSync(join(casesDir, name), 'utf8')) }));
}

/** Saves a case and returns its file name. */
export function saveCase(seed, script, divergence) {
  mkdirSync(casesDir, { recursive: true });
  const file = join(casesDir, `seed-${seed}.json`);
  writeFileSync(file, `${JSON.stringify({ seed, divergence, script }, null, 2)}\n`);
  return file;
}
