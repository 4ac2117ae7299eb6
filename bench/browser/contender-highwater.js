// The highwater contender of the browser bench, bundled like an app: `import … from 'highwater'`
// resolves to the package's browser entry (js/index.js), with no polyfill.
import * as highwater from 'highwater'
import { nodeLikeStages } from '../shared.js'

;(globalThis.benchContenders ??= {}).highwater = nodeLikeStages(highwater)
