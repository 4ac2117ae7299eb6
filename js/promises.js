/** `highwater/promises`: pipeline and finished returning promises, as `node:stream/promises`. */
// The package entry installs what the stream classes share (Duplex.from, the web statics), which
// pipeline relies on: load it even when an app imports only this module.
import './index.js';

export { pipelinePromise as pipeline } from './composition/pipeline.js';
export { finishedPromise as finished } from './composition/finished.js';
