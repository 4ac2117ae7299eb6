/**
 * webpack 5 config for the pages: the playground (www/index.html, www/index.js) and the browser
 * scenario checks (www/tests.html, www/tests.js) -> www/dist/ (run by scripts/build-www.js). Nothing
 * here is about wasm: the package needs no loader or experiment.
 * `import … from 'highwater'` in www/ resolves to this package through its own "exports"
 * (self-reference, the "default" condition), so the page uses what a webpack user gets.
 * No Node polyfills: importing a Node built-in fails the build.
 */
import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))
const www = path.join(root, 'www')

/** Fails the build when browser code imports a Node built-in module (`events`, `buffer`, `node:util`, …). */
class NoNodeModulesPlugin {
  apply (compiler) {
    const builtins = new Set(builtinModules)
    compiler.hooks.normalModuleFactory.tap('NoNodeModulesPlugin', (factory) => {
      factory.hooks.beforeResolve.tap('NoNodeModulesPlugin', ({ request, contextInfo }) => {
        if (request.startsWith('node:') || builtins.has(request.split('/')[0])) {
          throw new Error(`'${request}' is a Node built-in; browser code must not import it (in ${contextInfo.issuer})`)
        }
      })
    })
  }
}

/** Emits the pages (www/index.html, www/tests.html) into the output folder as they are. */
class HtmlPagesPlugin {
  apply (compiler) {
    const pages = ['index.html', 'tests.html']
    compiler.hooks.thisCompilation.tap('HtmlPagesPlugin', (compilation) => {
      for (const page of pages) compilation.fileDependencies.add(path.join(www, page))
      compilation.hooks.processAssets.tap(
        { name: 'HtmlPagesPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const page of pages) {
            compilation.emitAsset(page, new compiler.webpack.sources.RawSource(fs.readFileSync(path.join(www, page))))
          }
        }
      )
    })
  }
}

export default {
  mode: 'production',
  target: 'web',
  context: root,
  entry: { index: './www/index.js', tests: './www/tests.js' },
  output: { path: path.join(www, 'dist'), filename: '[name].js', clean: true },
  node: false,
  resolve: { fallback: {} },
  performance: { hints: false },
  plugins: [new NoNodeModulesPlugin(), new HtmlPagesPlugin()]
}
