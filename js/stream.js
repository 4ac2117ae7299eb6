/** Stream: the common base of every highwater stream (Node's legacy `Stream`), an EventEmitter. */
import { EventEmitter, initEmitter } from './events.js';
import { defineClass } from './classes.js';

/**
 * A function, as Node's: old-style emitter streams run it (`Stream.call(this)`); without `new`
 * or `this` it fails as Node's does (a TypeError reading `_events` of undefined).
 */
export function Stream(opts) {
  initEmitter(this);
}

class StreamMembers extends EventEmitter {
  /**
   * The legacy pipe of emitter-based streams (Readable has its own): forwards 'data' to
   * `dest.write`, pausing and resuming the source on backpressure when it can, and ends `dest`
   * on the source's 'end' (destroys it on 'close') unless `options.end === false`.
   */
  pipe(dest, options) {
    const src = this;
    let ended = false;
    const onData = (chunk) => {
      if (dest.writable && dest.write(chunk) === false && src.pause) src.pause();
    };
    const onDrain = () => {
      if (src.readable && src.resume) src.resume();
    };
    const onEnd = () => {
      if (ended) return;
      ended = true;
      dest.end();
    };
    const onClose = () => {
      if (ended) return;
      ended = true;
      if (typeof dest.destroy === 'function') dest.destroy();
    };
    // Runs before the user's listeners; an error nobody else listens to is emitted again (throws).
    function onError(err) {
      cleanup();
      if (this.listenerCount?.('error') === 0) this.emit('error', err);
    }
    const links = [
      [src, 'data', onData], [dest, 'drain', onDrain],
      [src, 'end', onEnd], [src, 'close', onClose],
      [src, 'error', onError], [dest, 'error', onError],
    ];
    function cleanup() {
      for (const [emitter, event, listener] of links) emitter.removeListener(event, listener);
      src.removeListener('end', cleanup);
      src.removeListener('close', cleanup);
      dest.removeListener('close', cleanup);
    }

    src.on('data', onData);
    dest.on('drain', onDrain);
    if (!dest._isStdio && options?.end !== false) {
      src.on('end', onEnd);
      src.on('close', onClose);
    }
    prependListener(src, 'error', onError);
    prependListener(dest, 'error', onError);
    src.on('end', cleanup);
    src.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', src);
    return dest;
  }
}

defineClass(Stream, StreamMembers);

/** `emitter.prependListener`, or `on` for emitters without it. */
function prependListener(emitter, event, listener) {
  if (typeof emitter.prependListener === 'function') emitter.prependListener(event, listener);
  else emitter.on(event, listener);
}
