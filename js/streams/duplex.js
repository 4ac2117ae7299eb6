/**
 * Duplex: one stream with a readable and a writable side on one core. It is a Readable that also
 * has every Writable method (as in Node), and `instanceof Writable` holds for it.
 */
import { kOnConstructed } from './fields.js';
import { Readable, initReadable, kDuplex } from './readable.js';
import { Writable, writableConstructed } from './writable.js';
import { defineClass } from './classes.js';

/**
 * A Node-style duplex stream; `allowHalfOpen` (default true) keeps one side open after the other
 * ends. A function, as Node's: callable without `new`, and by old-style subclasses
 * (`Duplex.call(this, options)`).
 */
export function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  initReadable(this, options, kDuplex);
}

class DuplexMembers extends Readable {
  /** @private both sides' steps once `_construct` succeeded, readable first */
  [kOnConstructed]() {
    super[kOnConstructed]();
    writableConstructed(this);
  }
}
defineClass(Duplex, DuplexMembers);

// Every Writable method the Readable chain lacks (write, end, cork, …) and the writable getters
// Node gives a Duplex (not writableAborted, errored or closed: those are the readable side's or
// absent, as in Node), then destroy, which also fails the buffered writes.
const writableGetters = [
  'writable', 'writableHighWaterMark', 'writableObjectMode', 'writableLength', 'writableFinished',
  'writableCorked', 'writableEnded', 'writableNeedDrain', 'writableDesiredSize', 'writableBuffer',
  '_writableState',
];
for (const name of Object.getOwnPropertyNames(Writable.prototype)) {
  const descriptor = Object.getOwnPropertyDescriptor(Writable.prototype, name);
  const wanted = typeof descriptor.value === 'function' ? !(name in Duplex.prototype) : writableGetters.includes(name);
  if (wanted) Object.defineProperty(Duplex.prototype, name, descriptor);
}
for (const symbol of Object.getOwnPropertySymbols(Writable.prototype)) {
  if (!(symbol in Duplex.prototype)) Duplex.prototype[symbol] = Writable.prototype[symbol];
}
Duplex.prototype.destroy = Writable.prototype.destroy;
