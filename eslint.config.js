/**
 * `npm run lint`: ESLint's recommended rules, to catch mistakes (an unused or undefined name, a
 * loose `==`), not to impose a style. Globals are set per folder by where the code runs: the
 * library, the comparison engine and the pages run in browsers too, so they get no Node globals
 * (reaching `process` or `Buffer` there goes through `globalThis`, and only where it may be
 * missing); the scripts, tests, benchmarks and the command run in Node.
 */
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'www/dist/', 'target/', '.cache/', 'node_modules/', 'tests/artifacts/'] },
  js.configs.recommended,
  {
    rules: {
      // Parameters are signatures, not findings: Node's `(chunk, encoding, callback)` is kept whole
      // (a function's `length` is observable) and a test scenario takes `(lib, log)` either way.
      // A loop that only drains an iterator names its variable `_`; `{ label, ...rest }` drops `label`.
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', varsIgnorePattern: '^_$', ignoreRestSiblings: true }],
      // Control characters in a pattern are meant: inspect.js escapes them, the matrix strips ANSI codes.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  { files: ['js/**', 'compare/**', 'www/**'], languageOptions: { globals: globals.browser } },
  { files: ['scripts/**', 'tests/**', 'bench/**', 'bin/**', '*.js'], languageOptions: { globals: globals.node } },
  // Page checks and scenarios that also run in browsers (page.evaluate callbacks, www/tests.js, the matrix).
  { files: ['tests/browser/**', 'tests/matrix/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
];
