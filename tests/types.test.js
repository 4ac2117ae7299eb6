// The types (index.d.ts, promises.d.ts) as a TypeScript user meets them, through the package's
// own name: a typical use compiles under --strict, and each line of misuse.ts is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs tsc on one file; its exit status and output. */
function tsc(file) {
  const args = ['--noEmit', '--strict', '--lib', 'es2022,dom', '--module', 'nodenext', '--moduleResolution', 'nodenext', file];
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('a typical use of the package type-checks under --strict', () => {
  const { status, output } = tsc('tests/types/use.ts');
  assert.equal(status, 0, output);
});

test('each misuse is a type error', () => {
  const { status, output } = tsc('tests/types/misuse.ts');
  assert.notEqual(status, 0);
  const lines = [...output.matchAll(/misuse\.ts\((\d+),/g)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(lines)], [4, 5, 6, 7], output);
});
