// Types of `highwater/promises` for `require` (promises.d.ts re-exports them for `import`).
import type { StreamPromises } from './index.cjs';

/** `pipeline(...stages, [{ signal, end }])`: resolves with the last stage's value. */
export declare const pipeline: StreamPromises['pipeline'];
/** `finished(stream, options)`: resolves when the stream is done; `cleanup: true` removes the listeners then. */
export declare const finished: StreamPromises['finished'];
