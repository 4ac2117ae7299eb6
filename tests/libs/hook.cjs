'use strict'
/**
 * Preloaded (`node --require tests/libs/hook.cjs`) into the child process that runs the libraries.
 * HW_LIBS_MODE picks what the libraries get when they ask for a stream module:
 *   installed  nothing is remapped: each library loads the readable-stream it depends on (or node:stream)
 *   node       'readable-stream', 'stream' and 'node:stream' -> Node's own node:stream (the specification)
 *   highwater  the same three -> highwater's dist/highwater.cjs
 * Only requests made from files under .cache/libs/ are remapped (the libraries and their dependencies),
 * so the runner and highwater itself are untouched. tests/libs/own-suites.js points HW_LIBS_DIR at a
 * library's own checkout and HW_LIBS_INCLUDE (a RegExp source, matched against the path relative to
 * that folder) at the library, its tests and the stream libraries they use, not at the test harness. Every remapping is recorded in globalThis.__hwMapped
 * so the runner can check that each library really ran on the module it is said to run on.
 */
const path = require('node:path')
const { pathToFileURL, fileURLToPath } = require('node:url')
const { registerHooks } = require('node:module')

const root = path.resolve(__dirname, '../..')
const libsDir = path.resolve(process.env.HW_LIBS_DIR || path.join(root, '.cache', 'libs')) + path.sep
const include = process.env.HW_LIBS_INCLUDE ? new RegExp(process.env.HW_LIBS_INCLUDE) : null
const mode = process.env.HW_LIBS_MODE || 'installed'
const target = mode === 'highwater' ? pathToFileURL(path.join(root, 'dist', 'highwater.cjs')).href
  : mode === 'node' ? 'node:stream' : null
const names = new Set(['readable-stream', 'stream', 'node:stream'])
const mapped = globalThis.__hwMapped = []

if (target) {
  registerHooks({
    resolve (specifier, context, next) {
      const parent = context.parentURL && context.parentURL.startsWith('file:') ? fileURLToPath(context.parentURL) : ''
      if (names.has(specifier) && parent.startsWith(libsDir) && (!include || include.test(path.relative(libsDir, parent)))) {
        mapped.push({ specifier, from: path.relative(libsDir, parent) })
        return { url: target, format: target.startsWith('node:') ? 'builtin' : 'commonjs', shortCircuit: true }
      }
      return next(specifier, context)
    }
  })
}
