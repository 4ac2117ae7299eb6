/**
 * webpack 5 config for the demo page: www/bootstrap.js -> www/dist/ (run by scripts/build-www.js).
 * `import … from 'highwater'` in www/ resolves to this package through its own "exports"
 * (self-reference, "browser" condition), so the page uses what a webpack user gets.
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

/** Emits www/index.html into the output folder as it is (it loads bootstrap.js). */
class IndexHtmlPlugin {
  apply (compiler) {
    const file = path.join(www, 'index.html')
    compiler.hooks.thisCompilation.tap('IndexHtmlPlugin', (compilation) => {
      compilation.fileDependencies.add(file)
      compilation.hooks.processAssets.tap(
        { name: 'IndexHtmlPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset('index.html', new compiler.webpack.sources.RawSource(fs.readFileSync(file)))
      )
    })
  }
}

export default {
  mode: 'production',
  target: 'web',
  context: root,
  entry: { bootstrap: './www/bootstrap.js' },
  output: { path: path.join(www, 'dist'), filename: '[name].js', clean: true },
  experiments: { asyncWebAssembly: true },
  node: false,
  resolve: { fallback: {} },
  performance: { hints: false },
  plugins: [new NoNodeModulesPlugin(), new IndexHtmlPlugin()]
}
