// The types (index.d.cts, and index.d.ts and the promises files that re-export it) as a
// TypeScript user meets them: the package as `npm pack` makes it (run `npm run build` first),
// installed into a fresh project per setup under the OS temp folder, checked by the repo's tsc
// under --strict. In every setup the files of tests/types/ for it compile cleanly, and each line
// of misuse.ts is an error (so a setup where the types resolved to nothing, or to `any`, fails).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = path.join(root, 'tests/types');
const tscBin = path.join(root, 'node_modules/typescript/bin/tsc');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'highwater-types-'));
const MISUSE_LINES = [4, 5, 6, 7, 8, 9, 10, 11];

const setups = [
  {
    name: '(a) lib DOM + ES2022 alone, no @types/node (ES module, module nodenext)',
    type: 'module', nodeTypes: false,
    compilerOptions: { lib: ['DOM', 'ES2022'], module: 'nodenext' },
    files: ['use.ts'],
  },
  {
    name: '(b) with @types/node (DOM + ES2022, ES module, module nodenext), and every README example as checked JS',
    type: 'module', nodeTypes: true, readme: true,
    // DOM.AsyncIterable: README iterates a web ReadableStream with for await, which lib DOM
    // alone does not declare (true of every web stream in a DOM project, not of highwater's).
    compilerOptions: { lib: ['DOM', 'DOM.AsyncIterable', 'ES2022'], module: 'nodenext', allowJs: true, checkJs: true },
    files: ['use.ts', 'node.ts'],
  },
  {
    name: '(c) CommonJS project (module node16, no "type": "module"; import compiles to require)',
    type: undefined, nodeTypes: true,
    compilerOptions: { lib: ['DOM', 'ES2022'], module: 'node16' },
    files: ['use.ts', 'cjs.ts', 'node.ts'],
  },
  {
    name: '(d) ES module, module nodenext, a Node-only project (lib ES2022 + @types/node, no DOM)',
    type: 'module', nodeTypes: true, readme: true,
    compilerOptions: { lib: ['ES2022'], module: 'nodenext', allowJs: true, checkJs: true },
    files: ['use.ts', 'node.ts'],
  },
  {
    name: '(e) moduleResolution bundler (module esnext, DOM + ES2022, no @types/node)',
    type: 'module', nodeTypes: false,
    compilerOptions: { lib: ['DOM', 'ES2022'], module: 'esnext', moduleResolution: 'bundler' },
    files: ['use.ts'],
  },
];

// README's ```js blocks, as files of a project: the one with `require` as CommonJS, the
// bootstrap.js/app.js pair as the two files it names, the rest as ES modules. The names a
// snippet uses without defining them (the reader's own streams) are declared before it.
function readmeFiles() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 4, `only ${blocks.length} js blocks in README.md`);
  const files = {};
  blocks.forEach((code, i) => {
    // A tool's configuration (rollup's, say) does not use highwater: not an example of its API.
    if (!/highwater|Readable|Writable|Duplex|Transform|pipeline/.test(code)) return;
    let prelude = '';
    if (/\bReadable\b/.test(code) && !/Readable[^\n]*from 'highwater'|require\('highwater'\)/.test(code)) {
      prelude += "import { Readable } from 'highwater';\n";
    }
    if (/\bnodeReadable\b/.test(code) && !/(const|let) nodeReadable\b/.test(code)) {
      prelude += "const nodeReadable = Readable.from(['a', 'b']);\n";
    }
    if (/\botherWebStream\b/.test(code) && !/(const|let) otherWebStream\b/.test(code)) {
      prelude += 'const otherWebStream = new ReadableStream();\n';
    }
    files[`readme-${i + 1}.${code.includes('require(') ? 'cjs' : 'js'}`] = prelude + code;
  });
  return files;
}

let packed;

before(() => {
  assert.ok(fs.existsSync(path.join(root, 'dist/highwater.cjs')), 'dist/ is missing: run npm run build first');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
  packed = JSON.parse(out)[0];
  const pkgDir = path.join(tmp, 'package');
  fs.mkdirSync(pkgDir);
  execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', pkgDir, '--strip-components=1']);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the packed package ships the CommonJS declarations and points `require` at them', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'package/package.json'), 'utf8'));
  for (const file of ['index.d.ts', 'index.d.cts', 'promises.d.ts', 'promises.d.cts']) {
    assert.ok(fs.existsSync(path.join(tmp, 'package', file)), `${file} is not in the package`);
  }
  assert.deepEqual(manifest.exports['.'].types, { require: './index.d.cts', default: './index.d.ts' });
  assert.deepEqual(manifest.exports['./promises'].types, { require: './promises.d.cts', default: './promises.d.ts' });
});

/** A fresh project for `setup` holding the packed package; returns its folder. */
function makeProject(setup, index) {
  const dir = path.join(tmp, `project-${index}`);
  fs.mkdirSync(path.join(dir, 'node_modules/@types'), { recursive: true });
  fs.cpSync(path.join(tmp, 'package'), path.join(dir, 'node_modules/highwater'), { recursive: true });
  // No network when the tests run: the repo's own @types/node (a devDependency), linked in.
  if (setup.nodeTypes) {
    fs.symlinkSync(path.join(root, 'node_modules/@types/node'), path.join(dir, 'node_modules/@types/node'), 'dir');
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `types-${index}`, private: true, type: setup.type }));
  const files = [...setup.files, 'misuse.ts'];
  for (const file of files) fs.copyFileSync(path.join(typesDir, file), path.join(dir, file));
  if (setup.readme) {
    for (const [name, code] of Object.entries(readmeFiles())) {
      fs.writeFileSync(path.join(dir, name), code);
      files.push(name);
    }
  }
  const compilerOptions = {
    strict: true, noEmit: true, target: 'ES2022', skipLibCheck: false,
    types: setup.nodeTypes ? ['node'] : [],
    ...setup.compilerOptions,
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }, null, 2));
  return dir;
}

setups.forEach((setup, index) => {
  test(setup.name, () => {
    const dir = makeProject(setup, index);
    const run = spawnSync(process.execPath, [tscBin, '-p', dir], { cwd: dir, encoding: 'utf8' });
    const output = run.stdout + run.stderr;
    const errors = [...output.matchAll(/^([^\s(]+)\((\d+),\d+\): error (TS\d+)/gm)]
      .map(([, file, line, code]) => ({ file, line: Number(line), code }));
    assert.notEqual(run.status, 0, `misuse.ts compiled without errors:\n${output}`);
    const elsewhere = errors.filter((e) => e.file !== 'misuse.ts');
    assert.deepEqual(elsewhere, [], `errors outside misuse.ts:\n${output}`);
    const misuseLines = [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
    assert.deepEqual(misuseLines, MISUSE_LINES, `each line of misuse.ts from 4 on must be an error:\n${output}`);
    assert.doesNotMatch(output, /^error TS/m, 'errors of the project itself');
  });
});
