/**
 * A highwater Readable that mirrors another Node-style stream: `readable.wrap(stream)` (Node's
 * semantics, for old streams with only `on`/`pause`/`resume`) and the bridge `toWeb` puts in
 * front of a stream that is not highwater's (node:stream's, `http.IncomingMessage`, `fs`'s,
 * readable-stream's), so that the web side still reads one highwater buffer.
 *
 * The rules, both modes: a `'data'` chunk is pushed; when the push says the buffer is full the
 * source is paused, and the next `_read` resumes it (only a source we paused).
 * - `wrap`: `'end'` pushes the end; `'error'` errors ours (errorOrDestroy); `'close'` and
 *   `'destroy'` destroy ours, even with data still buffered (Node's wrap does so); destroying
 *   ours leaves the source alone.
 * - bridge: the source starts paused (as Node's adapter leaves it) and the first `_read`
 *   resumes it; chunks keep the source's encoding; the end of the source's readable side (Node's
 *   `finished`, writable side ignored) pushes the end, or destroys ours with its error (a
 *   premature close included), but never drops what ours still buffers; destroying ours before
 *   that destroys the source with the same error.
 */
import { destroyer, errorOrDestroy } from './destroy.js';
import { eos } from '../composition/finished.js';

/**
 * Mirror `source` into our Readable `node`; returns `{ read, destroy }` for `node`'s `_read` and
 * (bridge only) `_destroy`. Once the mirror is over it lets go of both streams.
 */
export function mirror(node, source, bridge) {
  /** The second argument of each push: the source's encoding (bridge), or undefined. */
  const encoding = bridge && typeof source.readableEncoding === 'string' ? source.readableEncoding : undefined;
  /** We paused the source because our buffer was full; the next `_read` resumes it. */
  let paused = false;
  /** The source's readable side is over: destroying ours no longer touches it. */
  let finished = false;

  const push = (chunk) => node === null || node.push(chunk, encoding);
  const release = () => {
    node = null;
    source = null;
  };
  const pause = () => {
    if (typeof source.pause !== 'function') return;
    paused = true;
    source.pause();
  };
  const onData = (chunk) => {
    if (!push(chunk) && source !== null) pause();
  };

  const result = {
    read() {
      if (source === null || !paused || typeof source.resume !== 'function') return;
      paused = false;
      source.resume();
    },
  };

  if (!bridge) {
    source.on('data', onData);
    source.on('end', () => { push(null); });
    source.on('error', (error) => { if (node !== null) errorOrDestroy(node, error); });
    for (const event of ['close', 'destroy']) source.on(event, () => { if (node !== null) node.destroy(); });
    return result;
  }

  result.destroy = (error, callback) => {
    const held = source;
    release();
    if (held !== null && !finished) {
      finished = true;
      destroyer(held, error);
    }
    callback(error);
  };

  // The end of the source's readable side: our end, or our destruction with its error.
  eos(source, { writable: false }, (error) => {
    if (finished) return;
    finished = true;
    const held = node;
    source = null;
    if (held === null) return;
    if (error != null) {
      release();
      destroyer(held, error);
      return;
    }
    push(null);
    release();
  });

  // A source that is still readable starts paused; the first `_read` resumes it.
  if (!finished && source.readable && !source.destroyed) {
    pause();
    source.on('data', onData);
  }
  return result;
}
