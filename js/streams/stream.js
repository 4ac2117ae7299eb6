/** Stream: the common base of every highwater stream (Node's legacy `Stream`), an EventEmitter. */
import { StreamEmitter, initStreamEmitter } from '../platform/events.js';
import { defineClass } from './classes.js';

/**
 * A function, as Node's: old-style emitter streams run it (`Stream.call(this)`); without `new`
 * or `this` it fails as Node's does (a TypeError reading `_events` of undefined).
 */
export function Stream(opts) {
  initStreamEmitter(this, opts);
}

class StreamMembers extends StreamEmitter {
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

/**
 * `emitter.prependListener`, or for an old-style emitter without it, the listener put first in
 * its `_events` list by hand, as Node's pipe does (`on` when the event has no listener yet).
 */
export function prependListener(emitter, event, listener) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, listener);
  const listeners = emitter._events?.[event];
  if (!listeners) emitter.on(event, listener);
  else if (Array.isArray(listeners)) listeners.unshift(listener);
  else emitter._events[event] = [listener, listeners];
}
