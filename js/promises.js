/** `highwater/promises`: pipeline and finished returning promises, as `node:stream/promises`. */
export { pipelinePromise as pipeline } from './pipeline.js';
export { finishedPromise as finished } from './finished.js';
