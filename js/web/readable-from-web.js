/**
 * `Readable.fromWeb`: the reading side of a Node-style Readable fed by a web stream's reader,
 * one chunk per `_read`. Plain JS: it only drives the reader (no rule of the streams is decided
 * here), and a call from wasm into a JS object costs several times what the call itself does
 * (issue 14: the same code in Rust closures ran at 0.6-0.75x of Node's adapter).
 */
import { destroyer } from '../streams/destroy.js';

/**
 * `{ read, destroy }` for the Readable `node` the façade creates over the web stream `web`.
 * Once `node` is destroyed the source lets go of `node` and the reader, so a web stream kept
 * after that keeps no Node stream alive.
 */
export function readableSource(web, node) {
  let reader = web.getReader();
  /** The web side has closed or errored. */
  let closed = false;

  const onResult = (result) => {
    if (node === null) return;
    node.push(result.done ? null : result.value, undefined);
  };
  const onError = (error) => {
    if (node !== null) destroyer(node, error);
  };

  // The web side closing is only noted; its error destroys the Node side.
  Promise.resolve(reader.closed).then(() => { closed = true; }, (error) => {
    closed = true;
    onError(error);
  });

  return {
    read() {
      if (node === null) return;
      let pending;
      try {
        pending = reader.read();
      } catch (error) {
        onError(error);
        return;
      }
      Promise.resolve(pending).then(onResult, onError);
    },
    destroy(error, callback) {
      const held = reader;
      node = null;
      reader = null;
      if (held === null || closed) return callback(error);
      // The callback, with the destroy's error, once the cancel settles.
      const done = () => callback(error);
      Promise.resolve(held.cancel(error)).then(done, done);
    },
  };
}
