/** `npm run build:www`: bundles the demo page (www/) with webpack.config.js into www/dist/. Needs `npm run build` first. */
import webpack from 'webpack'
import config from '../webpack.config.js'

const compiler = webpack(config)
compiler.run((err, stats) => {
  compiler.close(() => {})
  if (err) {
    console.error(err)
    process.exit(1)
  }
  console.log(stats.toString({ colors: false, modules: false, children: false }))
  if (stats.hasErrors()) process.exit(1)
})
