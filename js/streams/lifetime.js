/**
 * Where a stream's core lives. While the stream is in use, in the wasm table under its handle.
 * Once it has closed, its state moves into the stream object as a snapshot and the table slot
 * is freed: closed streams cost no wasm memory, however long they are kept. A later call that
 * reaches the core (a getter, a method of the closed stream) puts the snapshot back under a new
 * handle, retired again on the next tick, without a new snapshot when nothing changed. Streams
 * dropped without closing are freed by a FinalizationRegistry when collected.
 */
import { kCore, kFields, kHandle, kSnapshot, StreamFields } from './fields.js';
import { core } from '../platform/core.js';
import { nextTick } from '../platform/tick.js';

/**
 * Frees the core of a stream collected while its core was in the table. It holds a cell with the
 * handle, not the handle: a core that leaves the table otherwise (retired, or the stream started
 * over) sets the cell's handle to 0 instead of unregistering, as an unregister token (a table
 * keyed by the stream) made creating a stream about 1.5-2 times as slow.
 */
const registry = new FinalizationRegistry((cell) => {
  if (cell.handle !== 0) core.st_free(cell.handle);
});

/**
 * Defines `_h`, the core's handle, on a stream class's prototype: `_core` (0 once retired, the
 * table never gives out 0), or the handle of the restored core. The façade itself reads
 * `stream[kCore] || restore(stream)` where it calls the core: a load in one shared getter sees
 * every stream class's hidden class and goes megamorphic, which cost a quarter of a pipeline's
 * time; a load at each call site stays monomorphic or nearly.
 */
export function defineHandle(proto) {
  Object.defineProperty(proto, kHandle, {
    get() {
      const handle = this[kCore];
      return handle !== 0 ? handle : restore(this);
    },
    configurable: true,
  });
}

/** `handle`, or the error of a full table (the table gives out 0 when it has no slot left). */
function given(handle) {
  if (handle === 0) throw new Error('highwater: too many live streams (the core has no handle left)');
  return handle;
}

/**
 * Gives `stream` its core's handle and a new field record holding the registry's cell for it;
 * returns the record. Throws when there was no handle to give (0: the table is full).
 */
export function track(stream, handle) {
  stream[kCore] = given(handle);
  /** A retired core's state (Float64Array), else null. */
  stream[kSnapshot] = null;
  const fields = new StreamFields();
  stream[kFields] = fields;
  fields.tracked = { handle };
  registry.register(stream, fields.tracked);
  return fields;
}

/** Frees the core of a stream about to get a new one (Node lets `Readable.call(stream)` start a stream over). */
export function release(stream) {
  const handle = stream[kCore];
  stream[kFields].tracked.handle = 0;
  if (handle !== 0) core.st_free(handle);
}

/** Moves the core of a closed stream out of the table (no-op when it is out already). */
export function retire(stream) {
  const handle = stream[kCore];
  if (handle === 0) return;
  const kept = stream[kSnapshot];
  if (kept !== null && core.st_retire_unchanged(handle, kept)) {
    // Restored, read and left as it was: the snapshot it came from still holds.
    stream[kCore] = 0;
    return;
  }
  const words = core.st_retire(handle);
  if (words.length === 0) return;
  stream[kFields].tracked.handle = 0;
  stream[kSnapshot] = words;
  stream[kCore] = 0;
}

/**
 * Streams whose retired core was put back in this tick (the first `restoredCount`); one tick
 * retires them all again. The array keeps its length, so it does not grow anew every tick.
 */
const restored = [];
let restoredCount = 0;

function retireRestored() {
  for (let i = 0; i < restoredCount; i++) {
    const stream = restored[i];
    restored[i] = undefined;
    // No snapshot: the stream was started over since (`Readable.call(stream)`), its core is new.
    if (stream[kSnapshot] !== null) retire(stream);
  }
  restoredCount = 0;
}

/**
 * The handle of a retired stream's core, put back in the table until the next tick (0: none).
 * Reading a closed stream allocates nothing on the JS heap: the snapshot is kept (and still
 * used when the state did not change), no finalizer is registered (`restored` holds the stream
 * until the tick), and one tick serves every stream put back in it.
 */
export function restore(stream) {
  const words = stream[kSnapshot];
  if (words == null) return 0;
  const handle = given(core.st_restore(words));
  stream[kCore] = handle;
  restored[restoredCount++] = stream;
  if (restoredCount === 1) nextTick(retireRestored);
  return handle;
}
