// The streamx contender of the browser bench, bundled as it comes (it needs no polyfill).
import * as streamx from 'streamx'
import { streamxStages } from '../shared.js'

;(globalThis.benchContenders ??= {}).streamx = streamxStages(streamx)
