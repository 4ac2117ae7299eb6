// README.md's bad-input table is what tests/diff/badinput.test.js prints from node:stream's
// behaviour, row for row, so the table cannot drift from the tested rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The table rows (`| ... |` lines) of a piece of Markdown. */
const rowsOf = (text) => text.split('\n').filter((line) => line.startsWith('| `'));

test("README's bad-input table is the one the differential rows print", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Bad input'), readme.indexOf('## Deliberate differences'));
  const printed = execFileSync(process.execPath, ['tests/diff/badinput.test.js'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, HIGHWATER_BADINPUT_TABLE: '1' },
  });
  const rows = rowsOf(section);
  assert.ok(rows.length > 100, `only ${rows.length} rows in README`);
  assert.deepEqual(rows, rowsOf(printed));
});
