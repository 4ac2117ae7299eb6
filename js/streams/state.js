/**
 * `_readableState` and `_writableState`: Node's state objects as live views of the core, so that
 * code written against node:stream's internals (Node's own `pipeline` and `finished`, and
 * readable-stream era libraries that read and write these fields) sees a highwater stream as it
 * would see one of Node's. An assignment to a field goes into the core (`rd_assign`,
 * `wr_assign`, …) and takes effect where Node's would; the JS keeps only its copies of what it
 * caches (object mode, highWaterMark). Any other property is stored on the view, as on Node's
 * plain state object.
 */
import { kCore, kFields } from './fields.js';
import { restore } from './lifetime.js';
import { core, S, WS } from '../platform/core.js';

/**
 * Defines one boolean accessor per Node field name over a bit of the side's state word; the
 * setter hands the bit to `assign` (the core decides what an assignment does) and then runs
 * `after(stream)` when given, to refresh what the JS caches.
 */
function defineBits(proto, stateOf, assign, bits, after) {
  for (const [name, bit] of Object.entries(bits)) {
    Object.defineProperty(proto, name, {
      get() {
        return (stateOf(this._stream[kCore] || restore(this._stream)) & bit) !== 0;
      },
      set(value) {
        const stream = this._stream;
        assign(stream[kCore] || restore(stream), bit, !!value);
        after?.[name]?.(stream);
      },
      enumerable: true,
    });
  }
}

/** Sets or clears a side's errored value, as Node's `errored` setter (the value is shared). */
function assignErrored(stream, assign, value) {
  if (value) stream[kFields].erroredValue = value;
  assign(stream[kCore] || restore(stream), S.ERRORED, !!value);
}

/** Node's `ReadableState`, read from the core. */
export class ReadableState {
  constructor(stream) {
    this._stream = stream;
  }

  get length() {
    return core.rd_length(this._stream[kCore] || restore(this._stream));
  }

  get highWaterMark() {
    return core.rd_hwm(this._stream[kCore] || restore(this._stream));
  }

  /** A plain field in Node: where `push()` starts answering false and `_read` stops being called. */
  set highWaterMark(value) {
    const stream = this._stream;
    core.rd_set_hwm(stream[kCore] || restore(stream), Number(value));
    stream[kFields].highWaterMark = core.rd_hwm(stream[kCore] || restore(stream));
  }

  /** The queued chunks from `bufferIndex` on (taken ones before it are null), as Node's array. */
  get buffer() {
    return this._stream[kFields].chunks;
  }

  get bufferIndex() {
    return this._stream[kFields].head;
  }

  /** null before any flowing decision, then true or false. */
  get flowing() {
    return this._stream.readableFlowing;
  }

  set flowing(value) {
    this._stream.readableFlowing = value;
  }

  get errored() {
    return core.rd_state(this._stream[kCore] || restore(this._stream)) & S.ERRORED ? this._stream[kFields].erroredValue : null;
  }

  set errored(value) {
    assignErrored(this._stream, core.rd_assign, value);
  }

  /** false on a Duplex made with `readable: false`, as Node sets it; absent otherwise. */
  get readable() {
    return core.rd_state(this._stream[kCore] || restore(this._stream)) & S.DISABLED ? false : undefined;
  }

  /** Node's `readable` getter tests this for `false`. */
  set readable(value) {
    core.rd_set_readable(this._stream[kCore] || restore(this._stream), value !== false);
  }

  /** Legacy: `pause()` was called and `resume()` was not since. */
  get paused() {
    return (core.rd_state(this._stream[kCore] || restore(this._stream)) & S.PAUSED) !== 0;
  }

  set paused(value) {
    core.rd_assign(this._stream[kCore] || restore(this._stream), S.PAUSED, !!value);
  }

  get pipes() {
    return this._stream[kFields].pipes;
  }

  set pipes(value) {
    this._stream[kFields].pipes = value;
  }

  /** Legacy: how many destinations are piped to (read-only, as in Node). */
  get pipesCount() {
    return this._stream[kFields].pipes.length;
  }

  get awaitDrainWriters() {
    return this._stream[kFields].awaitDrainWriters;
  }

  set awaitDrainWriters(value) {
    this._stream[kFields].awaitDrainWriters = value;
  }

  get multiAwaitDrain() {
    return this._stream[kFields].multiAwaitDrain;
  }

  set multiAwaitDrain(value) {
    this._stream[kFields].multiAwaitDrain = !!value;
  }

  get encoding() {
    return this._stream[kFields].encoding;
  }

  /** What `push(string, encoding)` compares its encoding with (no decoder is made or dropped). */
  set encoding(value) {
    this._stream[kFields].encoding = value || null;
  }

  get decoder() {
    return core.rd_state(this._stream[kCore] || restore(this._stream)) & S.DECODER ? this._stream[kFields].decoder : null;
  }

  /** Pushed byte chunks go through `value.write()` while one is set, as in Node. */
  set decoder(value) {
    const stream = this._stream;
    if (value) stream[kFields].decoder = value;
    core.rd_assign(stream[kCore] || restore(stream), S.DECODER, !!value);
    if (!value) stream[kFields].decoder = null;
  }

  get defaultEncoding() {
    return this._stream[kFields].defaultEncoding;
  }

  set defaultEncoding(value) {
    this._stream[kFields].defaultEncoding = value;
  }
}
defineBits(ReadableState.prototype, core.rd_state, core.rd_assign, {
  objectMode: S.OBJECT_MODE, ended: S.ENDED, endEmitted: S.END_EMITTED, reading: S.READING,
  constructed: S.CONSTRUCTED, sync: S.SYNC, needReadable: S.NEED_READABLE,
  emittedReadable: S.EMITTED_READABLE, readableListening: S.READABLE_LISTENING,
  resumeScheduled: S.RESUME_SCHEDULED, errorEmitted: S.ERROR_EMITTED, emitClose: S.EMIT_CLOSE_OPTION,
  autoDestroy: S.AUTO_DESTROY, destroyed: S.DESTROYED, closed: S.CLOSED, closeEmitted: S.CLOSE_EMITTED,
  readingMore: S.READING_MORE, dataEmitted: S.DATA_EMITTED,
}, {
  // push() reads the mode from the stream object, not from the core, to spare a call per chunk.
  objectMode(stream) {
    stream[kFields].objectMode = (core.rd_state(stream[kCore] || restore(stream)) & S.OBJECT_MODE) !== 0;
  },
});

/** Node's `WritableState`, read from the core. */
export class WritableState {
  constructor(stream) {
    this._stream = stream;
  }

  get length() {
    return core.wr_length(this._stream[kCore] || restore(this._stream));
  }

  get highWaterMark() {
    return core.wr_hwm(this._stream[kCore] || restore(this._stream));
  }

  /** A plain field in Node: where `write()` starts answering false. */
  set highWaterMark(value) {
    core.wr_set_hwm(this._stream[kCore] || restore(this._stream), Number(value));
  }

  get corked() {
    return core.wr_corked(this._stream[kCore] || restore(this._stream));
  }

  set corked(value) {
    core.wr_set_corked(this._stream[kCore] || restore(this._stream), Number(value));
  }

  /** The buffered writes `{ chunk, encoding, callback }` from `bufferedIndex` on, as Node's array. */
  get buffered() {
    return core.wr_state(this._stream[kCore] || restore(this._stream)) & WS.BUFFERED ? this._stream[kFields].buffered : [];
  }

  get bufferedIndex() {
    return this._stream[kFields].bufferedIndex;
  }

  /** The writes still waiting in the buffer (`writableBuffer`). */
  getBuffer() {
    const stream = this._stream;
    return core.wr_state(stream[kCore] || restore(stream)) & WS.BUFFERED ? stream[kFields].buffered.slice(stream[kFields].bufferedIndex) : [];
  }

  get bufferedRequestCount() {
    const stream = this._stream;
    return core.wr_state(stream[kCore] || restore(stream)) & WS.BUFFERED ? stream[kFields].buffered.length - stream[kFields].bufferedIndex : 0;
  }

  /** Write and `_final` callbacks still due. */
  get pendingcb() {
    return core.wr_pending_callbacks(this._stream[kCore] || restore(this._stream));
  }

  get errored() {
    return core.wr_state(this._stream[kCore] || restore(this._stream)) & S.ERRORED ? this._stream[kFields].erroredValue : null;
  }

  set errored(value) {
    assignErrored(this._stream, core.wr_assign, value);
  }

  /** false on a Duplex made with `writable: false`, as Node sets it; absent otherwise. */
  get writable() {
    return core.wr_state(this._stream[kCore] || restore(this._stream)) & WS.DISABLED ? false : undefined;
  }

  /** Node's `writable` getter tests this for `false`. */
  set writable(value) {
    core.wr_set_writable(this._stream[kCore] || restore(this._stream), value !== false);
  }

  get defaultEncoding() {
    return this._stream[kFields].writableDefaultEncoding;
  }

  set defaultEncoding(value) {
    this._stream[kFields].writableDefaultEncoding = value;
  }

  get decodeStrings() {
    return this._stream[kFields].decodeStrings;
  }

  set decodeStrings(value) {
    this._stream[kFields].decodeStrings = !!value;
  }
}
defineBits(WritableState.prototype, core.wr_state, core.wr_assign, {
  objectMode: S.OBJECT_MODE, ended: WS.ENDED, ending: WS.ENDING, finished: WS.FINISHED,
  constructed: S.CONSTRUCTED, sync: WS.SYNC, needDrain: WS.NEED_DRAIN, writing: WS.WRITING,
  finalCalled: WS.FINAL_CALLED, prefinished: WS.PREFINISHED, bufferProcessing: WS.BUFFER_PROCESSING,
  allBuffers: WS.ALL_BUFFERS, allNoop: WS.ALL_NOOP,
  // The lifecycle bits are the same on both sides (core/src/side.rs).
  errorEmitted: S.ERROR_EMITTED, emitClose: S.EMIT_CLOSE_OPTION, autoDestroy: S.AUTO_DESTROY,
  destroyed: S.DESTROYED, closed: S.CLOSED, closeEmitted: S.CLOSE_EMITTED,
}, {
  // write() reads the mode from the stream object, not from the core, to spare a call per chunk.
  objectMode(stream) {
    stream[kFields].writableObjectMode = (core.wr_state(stream[kCore] || restore(stream)) & S.OBJECT_MODE) !== 0;
  },
});
