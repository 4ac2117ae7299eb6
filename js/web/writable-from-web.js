/**
 * `Writable.fromWeb`: the writing side of a Node-style Writable that hands each write to a web
 * stream's writer. Plain JS: it only drives the writer (no rule of the streams is decided here),
 * and a call from wasm into a JS object costs several times what the call itself does (issue 14:
 * the same code in Rust closures ran at 0.5x of Node's adapter).
 */
import { destroyer } from '../streams/destroy.js';
import { ERR_STREAM_PREMATURE_CLOSE } from '../platform/errors.js';

/**
 * `{ write, final, destroy }` for the Writable `node` the façade creates over the web stream
 * `web`; each write waits for `writer.ready`, then for the writer's write, before its callback
 * (a Writable hands over one write at a time).
 */
export function writableSink(web, node) {
  let writer = web.getWriter();
  /** The web side has closed or errored. */
  let closed = false;
  /** The Node side was destroyed: the writer goes once no write is pending. */
  let destroyed = false;
  /** The write waiting for the writer. */
  let chunk;
  let callback = null;

  /**
   * Let go of the Node side and, unless a write is pending, the writer: a pending write's
   * callback is due as in Node (the write goes on after `writer.ready`, and fails on the aborted
   * writer), and settling it ends the release. The callback holds the Node side, so keeping it
   * past that would keep the stream as long as the web stream lives.
   */
  const release = () => {
    node = null;
    destroyed = true;
    if (callback === null) writer = null;
  };
  /** The pending write's callback, taken; after a destroy, the rest of the release. */
  const settle = () => {
    const taken = callback;
    chunk = undefined;
    callback = null;
    if (destroyed) release();
    return taken;
  };
  const onWritten = () => settle()?.();
  const onFailed = (error) => settle()?.(error);
  const onReady = () => {
    if (writer === null || callback === null) return;
    let pending;
    try {
      pending = writer.write(chunk);
    } catch (error) {
      onFailed(error);
      return;
    }
    Promise.resolve(pending).then(onWritten, onFailed);
  };

  // The web side closing before the Node side ended is a premature close; its error destroys.
  Promise.resolve(writer.closed).then(() => {
    closed = true;
    if (node !== null && !node.writableEnded) destroyer(node, new ERR_STREAM_PREMATURE_CLOSE());
  }, (error) => {
    closed = true;
    if (node !== null) destroyer(node, error);
  });

  return {
    write(data, encoding, cb) {
      // Destroyed: no write was pending (one at a time), so the writer is gone.
      if (destroyed) return cb();
      chunk = data;
      callback = cb;
      Promise.resolve(writer.ready).then(onReady, onFailed);
    },
    final(cb) {
      if (writer === null || closed) return;
      Promise.resolve(writer.close()).then(() => cb(), cb);
    },
    destroy(error, cb) {
      const held = writer;
      release();
      if (held === null || closed) return cb(error);
      const settling = error != null ? held.abort(error) : held.close();
      // The callback, with the destroy's error, once the writer settles.
      const done = () => cb(error);
      Promise.resolve(settling).then(done, done);
    },
  };
}
