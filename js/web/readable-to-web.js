/**
 * `Readable.toWeb`: a native ReadableStream that reads a Node-style Readable one chunk per pull,
 * with no queue of its own (highWaterMark 0: the platform pulls only when a reader waits), so the
 * Node side's buffer is the bridge's one buffer. The rules are the core's: how much a decoding
 * stream's read takes (`rd_web_read_size`) and that a waiting pull counts as a consumer, which
 * reads on after a push that added nothing (`webWaiting`). This file only moves chunks: a call
 * from wasm into a JS object costs several times what the call itself does (issue 14).
 */
import { core } from '../platform/core.js';
import { kHandle } from '../streams/fields.js';
import { webWaiting } from '../streams/readable.js';
import { destroyer } from '../streams/destroy.js';
import { fromString } from '../platform/bytes.js';

/** A byte stream's chunk: a fresh Uint8Array (a byte stream takes over, detaches, what it is given; strings are encoded as UTF-8). */
function byteChunk(chunk) {
  return typeof chunk === 'string' ? new Uint8Array(fromString(chunk, 'utf8')) : new Uint8Array(chunk);
}

/**
 * A ReadableStream reading `node` (a highwater Readable). `bytes`: a byte stream (`type:
 * 'bytes'`, BYOB readers). `webStrategy`: a strategy the Node side cannot count in its unit,
 * which then gets a queue of its own; else the web side queues nothing. `eos(node, callback)`
 * reports the end of `node` with the error the web side gets.
 */
export function readableStream(node, bytes, webStrategy, eos) {
  let controller = null;
  /** A pull waits for the Node side to have data; `resolve` settles it. */
  let waiting = false;
  let resolve = null;
  /** Closed, errored or canceled: nothing more is enqueued. */
  let done = false;

  /** Move one chunk from the Node side to the web side, if it has one; true when moved (or when nothing more will come). */
  const takeOne = () => {
    if (done) return true;
    // A decoding stream reads what the core says, so a multi-byte character is not split.
    let chunk = node.readableEncoding === null ? node.read() : node.read(core.rd_web_read_size(node[kHandle]));
    if (chunk === null) return false;
    if (bytes) chunk = byteChunk(chunk);
    controller.enqueue(chunk);
    return true;
  };
  /** Settle a waiting pull; the Node side stops counting it as a reader that waits. */
  const wake = () => {
    if (!waiting) return;
    waiting = false;
    if (node !== null) webWaiting(node, false);
    resolve?.();
  };
  /** The bridge is over: let go of the Node side. */
  const release = () => {
    waiting = false;
    node = null;
    controller = null;
    resolve = null;
  };

  const source = {
    start(c) {
      controller = c;
    },
    pull() {
      // Done at once: the platform takes a plain return as a settled pull.
      if (takeOne()) return undefined;
      // Nothing buffered: wait for 'readable' (or the end) to settle this pull.
      const promise = new Promise((res) => { resolve = res; });
      waiting = true;
      webWaiting(node, true);
      return promise;
    },
    cancel(reason) {
      done = true;
      wake();
      const held = node;
      release();
      if (held !== null) destroyer(held, reason);
    },
  };
  if (bytes) source.type = 'bytes';

  // 'readable': the Node side has data (or reached its end) for a waiting pull.
  node.on('readable', () => {
    if (waiting && takeOne()) wake();
  });

  // The end of the Node side closes or errors the web side, once.
  eos(node, (error) => {
    if (done) return;
    done = true;
    const held = controller;
    wake();
    release();
    if (held === null) return;
    if (error != null) {
      held.error(error);
      return;
    }
    held.close();
    // A BYOB read still waiting gets its answer: no more bytes.
    held.byobRequest?.respond(0);
  });

  return new ReadableStream(source, webStrategy ?? { highWaterMark: 0 });
}
