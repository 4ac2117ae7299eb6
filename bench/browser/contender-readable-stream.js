// The readable-stream contender of the browser bench, bundled like an app has to: the npm packages
// buffer, events and process stand for Node's modules, and `process` and `Buffer` are injected as
// globals (bench/browser.js: esbuild's inject with polyfills.js).
import * as readableStream from 'readable-stream'
import { nodeLikeStages } from '../shared.js'

;(globalThis.benchContenders ??= {})['readable-stream'] = nodeLikeStages(readableStream)
