/**
 * Node's stream classes (and EventEmitter) are plain functions, and much of the npm ecosystem
 * relies on it: `Readable(options)` without `new`, and old-style subclasses that initialise
 * through the base (`Readable.call(this, options)` after `util.inherits(My, Readable)`). An ES
 * class cannot be called, so each class here is a constructor function, and its members are
 * written as a class body (`class ReadableMembers extends Stream { … }`) whose prototype becomes
 * the function's: methods keep their `super`, getters and symbols come along as they are.
 * `class X extends Readable` works as with any constructor function (`super(options)` runs it
 * with `this` already an X).
 */
import { kCore, kFields } from './fields.js';
import { addAbortSignal } from '../composition/abort.js';

/**
 * Makes `Members.prototype` the prototype of `Ctor` (its `constructor` being `Ctor`), gives
 * `Ctor` the statics of `Members` and inherits the rest from `Members`'s base, as
 * `util.inherits` plus `Object.setPrototypeOf(Ctor, Base)` would. Methods become enumerable,
 * as Node's (assigned) methods are; getters stay non-enumerable, as Node's are.
 */
export function defineClass(Ctor, Members) {
  const proto = Members.prototype;
  Ctor.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: Ctor, writable: true, enumerable: false, configurable: true });
  Object.setPrototypeOf(Ctor, Object.getPrototypeOf(Members));
  for (const key of Reflect.ownKeys(Members)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    Object.defineProperty(Ctor, key, Object.getOwnPropertyDescriptor(Members, key));
  }
  for (const key of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (key !== 'constructor' && typeof descriptor.value === 'function') {
      Object.defineProperty(proto, key, { ...descriptor, enumerable: true });
    }
  }
}

/**
 * The methods given in `options` (`read` for a readable side, `write`, `writev`, `final` for a
 * writable one, `destroy`, `construct`) and its `signal`, as Node's constructors take them.
 */
export function takeMethods(stream, options, readable, writable) {
  if (!options) return;
  if (readable && typeof options.read === 'function') stream._read = options.read;
  if (writable) {
    if (typeof options.write === 'function') stream._write = options.write;
    if (typeof options.writev === 'function') stream._writev = options.writev;
    if (typeof options.final === 'function') stream._final = options.final;
  }
  if (typeof options.destroy === 'function') stream._destroy = options.destroy;
  if (typeof options.construct === 'function') stream._construct = options.construct;
  if (options.signal) addAbortSignal(options.signal, stream);
}

/**
 * Whether `stream` was made a Duplex already. `Readable.call` or `Writable.call` on one (Node
 * then gives it a new state object for that side) keeps its core, one for both sides, and only
 * takes the methods in the options.
 */
export function hasBothSides(stream) {
  if (!Object.hasOwn(stream, kCore)) return false;
  const f = stream[kFields];
  return f.chunks !== null && f.onwrite !== null;
}
