/**
 * Duplex: one stream with a readable and a writable side on one core. It is a Readable that also
 * has every Writable method (as in Node), and `instanceof Writable` holds for it.
 */
import { Readable, kDuplex } from './readable.js';
import { Writable, writableConstructed } from './writable.js';

/** A Node-style duplex stream; `allowHalfOpen` (default true) keeps one side open after the other ends. */
export class Duplex extends Readable {
  constructor(options, kind = kDuplex) {
    super(options, kind);
  }

  /** @private both sides' steps once `_construct` succeeded, readable first */
  _onConstructed() {
    super._onConstructed();
    writableConstructed(this);
  }
}

// Every Writable method and getter the Readable chain lacks (write, end, cork, writable*, …),
// then destroy, which also fails the buffered writes.
for (const name of Object.getOwnPropertyNames(Writable.prototype)) {
  if (!(name in Duplex.prototype)) {
    Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
  }
}
for (const symbol of Object.getOwnPropertySymbols(Writable.prototype)) {
  if (!(symbol in Duplex.prototype)) Duplex.prototype[symbol] = Writable.prototype[symbol];
}
Duplex.prototype.destroy = Writable.prototype.destroy;
