/**
 * `_readableState` and `_writableState`: Node's state objects as live, read-only views of the
 * core, so that code written against node:stream's internals (Node's own `pipeline` and
 * `finished` among it) sees a highwater stream as it would see one of Node's.
 */
import { core, S, WS } from './core.js';

/** Defines one boolean getter per Node field name, each testing a bit of the side's state word. */
function defineBits(proto, stateOf, bits) {
  for (const [name, bit] of Object.entries(bits)) {
    Object.defineProperty(proto, name, {
      get() {
        return (stateOf(this._stream._h) & bit) !== 0;
      },
      enumerable: true,
    });
  }
}

/** Node's `ReadableState`, read from the core. */
export class ReadableState {
  constructor(stream) {
    this._stream = stream;
  }

  get length() {
    return core.rd_length(this._stream._h);
  }

  get highWaterMark() {
    return core.rd_hwm(this._stream._h);
  }

  /** null before any flowing decision, then true or false. */
  get flowing() {
    return this._stream.readableFlowing;
  }

  get errored() {
    return core.rd_state(this._stream._h) & S.ERRORED ? this._stream._erroredValue : null;
  }

  /** false on a Duplex made with `readable: false`, as Node sets it; absent otherwise. */
  get readable() {
    return core.rd_state(this._stream._h) & S.DISABLED ? false : undefined;
  }

  get pipes() {
    return this._stream._pipes;
  }

  get awaitDrainWriters() {
    return this._stream._awaitDrainWriters;
  }

  get encoding() {
    return this._stream._encoding;
  }

  get defaultEncoding() {
    return this._stream._defaultEncoding;
  }
}
defineBits(ReadableState.prototype, core.rd_state, {
  objectMode: S.OBJECT_MODE, ended: S.ENDED, endEmitted: S.END_EMITTED, reading: S.READING,
  constructed: S.CONSTRUCTED, sync: S.SYNC, needReadable: S.NEED_READABLE,
  emittedReadable: S.EMITTED_READABLE, readableListening: S.READABLE_LISTENING,
  resumeScheduled: S.RESUME_SCHEDULED, errorEmitted: S.ERROR_EMITTED, emitClose: S.EMIT_CLOSE_OPTION,
  autoDestroy: S.AUTO_DESTROY, destroyed: S.DESTROYED, closed: S.CLOSED, closeEmitted: S.CLOSE_EMITTED,
  readingMore: S.READING_MORE, dataEmitted: S.DATA_EMITTED,
});

/** Node's `WritableState`, read from the core. */
export class WritableState {
  constructor(stream) {
    this._stream = stream;
  }

  get length() {
    return core.wr_length(this._stream._h);
  }

  get highWaterMark() {
    return core.wr_hwm(this._stream._h);
  }

  get corked() {
    return core.wr_corked(this._stream._h);
  }

  /** Write and `_final` callbacks still due. */
  get pendingcb() {
    return core.wr_pending_callbacks(this._stream._h);
  }

  get errored() {
    return core.wr_state(this._stream._h) & S.ERRORED ? this._stream._erroredValue : null;
  }

  /** false on a Duplex made with `writable: false`, as Node sets it; absent otherwise. */
  get writable() {
    return core.wr_state(this._stream._h) & WS.DISABLED ? false : undefined;
  }

  get defaultEncoding() {
    return this._stream._writableDefaultEncoding;
  }

  get decodeStrings() {
    return this._stream._decodeStrings;
  }
}
defineBits(WritableState.prototype, core.wr_state, {
  objectMode: S.OBJECT_MODE, ended: WS.ENDED, ending: WS.ENDING, finished: WS.FINISHED,
  constructed: S.CONSTRUCTED, sync: WS.SYNC, needDrain: WS.NEED_DRAIN, writing: WS.WRITING,
  finalCalled: WS.FINAL_CALLED, prefinished: WS.PREFINISHED, bufferProcessing: WS.BUFFER_PROCESSING,
  allBuffers: WS.ALL_BUFFERS, allNoop: WS.ALL_NOOP,
  // The lifecycle bits are the same on both sides (src/lifecycle.rs).
  errorEmitted: S.ERROR_EMITTED, emitClose: S.EMIT_CLOSE_OPTION, autoDestroy: S.AUTO_DESTROY,
  destroyed: S.DESTROYED, closed: S.CLOSED, closeEmitted: S.CLOSE_EMITTED,
});
