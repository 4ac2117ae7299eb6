/**
 * `Writable.toWeb`: a native WritableStream over a Node-style Writable with one buffer: a chunk
 * the web producer writes counts in the Node side's `writableLength` at once (the core's
 * `web_queue`), and the web side hands the Node side one chunk at a time, waiting for its
 * callback, so `writer.desiredSize` is `writable.writableDesiredSize`. The rule (what counts in
 * the length) is the core's; this file only moves chunks: a call from wasm into a JS object
 * costs several times what the call itself does (issue 14).
 */
import { core } from '../platform/core.js';
import { destroyer } from '../streams/destroy.js';
import { AbortError } from '../platform/errors.js';

/**
 * A WritableStream writing into `node`. `handle`: `node`'s core handle when it is a highwater
 * stream (its length then counts the web side's chunks), else undefined. `chunkSize(node, chunk)`:
 * a chunk's size in `node`'s unit; `errored(node)`: its error, if any; `eos(node, callback)`: its
 * end, with the error the web side gets.
 */
export function writableStream(node, handle, highWaterMark, { chunkSize, errored, eos }) {
  let controller = null;
  /**
   * The sizes of the chunks queued on the web side, as the strategy measured them, oldest from
   * `sizesHead` on (an index, not `shift()`: a producer that does not wait can queue many).
   */
  const sizes = [];
  let sizesHead = 0;
  /**
   * Writes handed to the Node side, and their callbacks come so far, counted: callbacks come in
   * order. `waits` is the number of the write whose web write waits for its callback (`resolve`),
   * or 0. The web side writes one chunk at a time, so only the newest can wait; writes that
   * settled at once can pile up before their callbacks (Node defers them to a tick).
   */
  let handed = 0;
  let called = 0;
  let waits = 0;
  /** `close()` waits for the Node side to finish (`resolve`). */
  let closing = false;
  let resolve = null;
  let reject = null;
  /** A promise for the web side's write or close to wait on. */
  const wait = () => new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });

  /**
   * Tell `node`'s core about the web side's queue: a change of `delta`, or NaN to clear it.
   * Returns `node`'s buffered length after, the web side's chunks included (another
   * implementation's stream has no such count: NaN).
   */
  const count = (delta) => (handle !== undefined ? core.wr_web_queue(handle, delta) : NaN);
  /** Another implementation's `writableLength`, or NaN. */
  const foreignLength = () => {
    const value = node.writableLength;
    return typeof value === 'number' ? value : NaN;
  };
  /** The web side closed or aborted: what it still held will not be written. */
  const dropQueue = () => {
    sizes.length = 0;
    sizesHead = 0;
    count(NaN);
  };
  /** `node`'s buffered length, or -1 once it has errored (one core call for a highwater stream). */
  const lengthUnlessErrored = () => {
    if (handle !== undefined) return core.wr_web_length(handle);
    return errored(node) != null ? -1 : foreignLength();
  };
  /** The bridge is over: let go of the Node side. */
  const release = () => {
    dropQueue();
    handle = undefined;
    waits = 0;
    closing = false;
    node = null;
    controller = null;
    resolve = null;
    reject = null;
  };

  const onWritten = (err) => {
    if (++called !== waits) return;
    waits = 0;
    if (err != null) reject?.(err);
    else resolve?.();
  };

  const objectMode = !!node.writableObjectMode;
  const sink = {
    start(c) {
      controller = c;
    },
    // A write settles when the Node side has processed its chunk: at once when `_write` called
    // back during `write()` (the length fell back), else when the write's callback comes. A Node
    // side errored during `write()` (`_write` called back with an error, whose callback Node
    // defers, or destroyed itself) rejects the write with its error and errors the web side at
    // once: `writer.ready` rejects, so a `pipeTo` reads no further and fails, where Chromium's
    // would otherwise read on to its source's end and resolve (even a microtask later is too late).
    write(chunk) {
      if (node === null) return undefined;
      let size = 0;
      if (sizesHead < sizes.length) size = sizes[sizesHead++];
      if (sizesHead === sizes.length) sizes.length = sizesHead = 0;
      const before = handle !== undefined ? count(-size) : foreignLength();
      handed++;
      node.write(chunk, onWritten);
      const after = lengthUnlessErrored();
      const err = after === -1 ? errored(node) : null;
      if (err != null) {
        controller?.error(err);
        throw err;
      }
      // Settled at once; or (another implementation's stream) its callback already came.
      if ((size > 0 && after === before) || called === handed) return undefined;
      const promise = wait();
      waits = handed;
      return promise;
    },
    close() {
      dropQueue();
      if (node === null) return undefined;
      if (closing || node.writableEnded) {
        controller = null;
        return undefined;
      }
      const promise = wait();
      closing = true;
      node.end();
      return promise;
    },
    abort(reason) {
      dropQueue();
      if (node !== null) destroyer(node, reason);
    },
  };

  // The end of the Node side settles a pending close, or errors the web side.
  eos(node, (err) => {
    const [wasClosing, res, rej, held] = [closing, resolve, reject, controller];
    const waited = closing || waits !== 0;
    release();
    if (err == null) {
      if (wasClosing) return res?.();
      err = new AbortError();
    }
    if (waited) rej?.(err);
    held?.error(err);
  });

  const size = (chunk) => {
    if (node === null) return 0;
    const units = objectMode ? 1 : chunkSize(node, chunk);
    sizes.push(units);
    count(units);
    return units;
  };
  return new WritableStream(sink, { highWaterMark, size });
}
