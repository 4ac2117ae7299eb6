/**
 * The façade's own fields on a stream, as symbols: a stream's string-named properties belong to
 * the user, as on Node's streams (which keep only `_events`, `_eventsCount`, `_maxListeners`,
 * `_readableState`, `_writableState`). Libraries set their own `this._decoder`, `this._buffer`,
 * … on their subclasses (split2 does), which must not reach into ours.
 */

/** The core's handle (js/streams/lifetime.js defines the accessor that restores a retired core). */
export const kHandle = Symbol('handle');
/** The handle as stored (0 once the core is retired). */
export const kCore = Symbol('core');
/** A retired core's last state, restored on the next read of `kHandle`. */
export const kSnapshot = Symbol('snapshot');

// Readable side.
export const kObjectMode = Symbol('objectMode');
export const kHwm = Symbol('highWaterMark');
/** A strategy's `size` measuring each object (Readable.toWeb). */
export const kMeasure = Symbol('measure');
/** The buffered chunks and the index of the first one. */
export const kChunks = Symbol('chunks');
export const kHead = Symbol('head');
export const kDecoder = Symbol('decoder');
export const kEncoding = Symbol('encoding');
export const kDefaultEncoding = Symbol('defaultEncoding');
export const kPipes = Symbol('pipes');
export const kAwaitDrainWriters = Symbol('awaitDrainWriters');
export const kMultiAwaitDrain = Symbol('multiAwaitDrain');

// Writable side.
export const kWritableObjectMode = Symbol('writableObjectMode');
export const kDecodeStrings = Symbol('decodeStrings');
export const kWritableDefaultEncoding = Symbol('writableDefaultEncoding');
/** The buffered write requests and the index of the first one. */
export const kBuffered = Symbol('buffered');
export const kBufferedIndex = Symbol('bufferedIndex');
/** The callback of the write in progress, and what its completion needs. */
export const kWritecb = Symbol('writecb');
export const kAfterWriteInfo = Symbol('afterWriteInfo');
export const kOnwrite = Symbol('onwrite');
export const kOnFinished = Symbol('onFinished');
/** A Transform's write callback held while its readable side is full. */
export const kTransformCallback = Symbol('transformCallback');
/** A Transform's callback for `_transform` when `_write` got the stream's own onwrite: one per stream. */
export const kTransformDone = Symbol('transformDone');

// Both sides.
export const kErroredValue = Symbol('erroredValue');
export const kAfterConstruct = Symbol('afterConstruct');
/** Runs the steps that wait for `_construct` (readable side first). */
export const kOnConstructed = Symbol('onConstructed');
/** Whether the stream destroys itself at its end (`autoDestroy`). */
export const kAutoDestroy = Symbol('autoDestroy');
/** Our EventEmitter's shape mode (keys kept when listeners go), as Node's own symbol. */
export const kShapeMode = Symbol('shapeMode');
