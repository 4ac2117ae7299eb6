/**
 * What the façade keeps on a stream, under symbols: a stream's string-named properties belong to
 * the user, as on Node's streams (which keep only `_events`, `_eventsCount`, `_maxListeners`,
 * `_readableState`, `_writableState`). Libraries set their own `this._decoder`, `this._buffer`,
 * … on their subclasses (split2 does), which must not reach into ours. The stream itself holds
 * the core's handle, a retired core's snapshot and one record (`StreamFields`) with the rest.
 */

/** The core's handle (js/streams/lifetime.js defines the accessor that restores a retired core). */
export const kHandle = Symbol('handle');
/** The handle as stored (0 once the core is retired). */
export const kCore = Symbol('core');
/** A retired core's last state, restored on the next read of `kHandle`. */
export const kSnapshot = Symbol('snapshot');

/**
 * The façade's fields of a stream, in one record under `stream[kFields]` (Node keeps its own in
 * `_readableState`/`_writableState`). Kept off the stream itself so the stream has few own
 * properties: V8 stores symbol-keyed properties as keyed stores, and an object with more than
 * about 12 of them outside its in-object slots goes to slow dictionary mode. That happened once a
 * stream class's hidden classes were collected (a full GC with no stream of it alive) and rebuilt
 * with no in-object slots: every stream made after ran 2-3 times slower. This record's fields are
 * named and set in its constructor, so V8 gives it in-object slots and keeps it fast.
 */
export const kFields = Symbol('fields');

export class StreamFields {
  constructor() {
    // Readable side (null `chunks`: no readable side).
    /** Fixed at creation, kept here to spare a core call per push. */
    this.objectMode = false;
    /** The core's highWaterMark; only read(n) with a larger n changes it. */
    this.highWaterMark = 0;
    /** How an object counts in the buffer: toWeb's `strategy.size`, or null for 1 each. */
    this.measure = null;
    /** Queued chunks from index `head` on (mirrors the core's size queue). */
    this.chunks = null;
    this.head = 0;
    this.decoder = null;
    this.encoding = null;
    this.defaultEncoding = 'utf8';
    /** Pipe destinations, and those owed a 'drain' (one, or a Set with several pipes). */
    this.pipes = null;
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;

    // Writable side (null `onwrite`: no writable side).
    this.writableObjectMode = false;
    this.decodeStrings = true;
    this.writableDefaultEncoding = 'utf8';
    /** Buffered writes from `bufferedIndex` on: { chunk, encoding, callback }. */
    this.buffered = null;
    this.bufferedIndex = 0;
    /** The callback of the write in flight. */
    this.writecb = null;
    /** The scheduled afterWriteTick: { count, cb }. */
    this.afterWriteInfo = null;
    /** The callback handed to _write, bound once. */
    this.onwrite = null;
    /** Callbacks given to end(), called at 'finish' or on error. */
    this.onFinished = null;
    /** A Transform's write callback held while its readable side is full. */
    this.transformCallback = null;
    /** A Transform's callback for `_transform` when `_write` got the stream's own onwrite: one per stream. */
    this.transformDone = null;

    // Both sides.
    /** The cell the FinalizationRegistry holds for the core (js/streams/lifetime.js). */
    this.tracked = null;
    this.erroredValue = null;
    /** The destroy waiting for _construct to finish. */
    this.afterConstruct = null;
  }
}

// Steps on the stream classes' prototypes, and our EventEmitter's own field.
/** Runs the steps that wait for `_construct` (readable side first). */
export const kOnConstructed = Symbol('onConstructed');
/** Whether the stream destroys itself at its end (`autoDestroy`). */
export const kAutoDestroy = Symbol('autoDestroy');
/** Our EventEmitter's shape mode (keys kept when listeners go), as Node's own symbol. */
export const kShapeMode = Symbol('shapeMode');
