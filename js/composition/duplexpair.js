/**
 * duplexPair(options): two Duplexes joined back to back, as node:stream has it. What one side
 * writes, the other reads; a write completes when the other side asks for more; ending one side
 * ends the other's readable side; destroying one closes the other (destroys it, without the
 * error, when there was one).
 */
import { Duplex } from '../streams/duplex.js';
import { nextTick } from '../platform/tick.js';

const kJoin = Symbol('kJoin');

/** One end of a pair (Node's class has this name too). */
class DuplexSide extends Duplex {
  /** The other end. */
  #other = null;
  /** The other end's write callback, waiting until this end reads again. */
  #pendingWrite = null;

  /** Join this end to `other`, once. */
  [kJoin](other) {
    if (this.#other === null) this.#other = other;
  }

  _read() {
    const callback = this.#pendingWrite;
    if (callback) {
      this.#pendingWrite = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    if (chunk.length === 0) {
      nextTick(callback);
    } else {
      this.#other.push(chunk);
      this.#other.#pendingWrite = callback;
    }
  }

  _final(callback) {
    this.#other.on('end', callback);
    this.#other.push(null);
  }

  _destroy(err, callback) {
    const other = this.#other;
    if (other !== null && !other.destroyed) {
      // On a later tick, so that the caller's stack is not cut short.
      nextTick(() => {
        if (other.destroyed) return;
        // The error stays on this side: the other one closes without an 'error' to handle.
        if (err) other.destroy();
        else other.push(null);
      });
    }
    callback(err);
  }
}

/** `duplexPair(options)`: `[side0, side1]`, each made with `options`. */
export function duplexPair(options) {
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0[kJoin](side1);
  side1[kJoin](side0);
  return [side0, side1];
}
