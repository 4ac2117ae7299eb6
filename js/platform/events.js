// Node's EventEmitter (node:events), our own code, for Node and browsers alike.
//
// Listeners live in `this._events`, a null-prototype object mapping each event name
// to its one listener function or, from the second listener on, an array of them,
// as in Node (code that peeks at `_events` keeps working). Emitting never copies:
// while an array is being emitted its `emitting` count is above zero, and adding or
// removing a listener then replaces it with a changed copy, so listeners added or
// removed during an emit take effect from the next emit, exactly as in Node.
// A subclass may fill `_events` with its common event names set to undefined and set
// `_shapeMode = true`, as Node's streams do: removing a listener then leaves its key,
// undefined, in place so the object keeps one shape, until removeAllListeners.

import { kShapeMode } from '../streams/fields.js';
import { ERR_INVALID_ARG_TYPE, ERR_UNHANDLED_ERROR, validateFunction, validateNumber } from './errors.js';
import { inspect } from './inspect.js';
import { nextTick } from './tick.js';
import { defineClass } from '../streams/classes.js';

/** Event name whose listeners see each 'error' event before the 'error' listeners, without handling it. */
export const errorMonitor = Symbol('events.errorMonitor');

let defaultMaxListeners = 10;

/**
 * Node's EventEmitter: named events with ordered listener lists. A function, as Node's, so
 * old-style subclasses can run it (`EventEmitter.call(this)`); js/streams/classes.js.
 */
export function EventEmitter(opts) {
  initEmitter(this, opts);
}

/**
 * With `captureRejections`, a listener's rejected promise goes to the emitter's
 * `[Symbol.for('nodejs.rejection')]` method (streams: destroy with the reason), else to 'error'.
 */
const kCapture = Symbol('kCapture');
export const captureRejectionSymbol = Symbol.for('nodejs.rejection');

/**
 * Node's EventEmitter.init: a fresh listener table, unless the object has its own already (a
 * stream fills in its common event names first): then that table is kept, in shape mode.
 */
export function initEmitter(emitter, opts) {
  if (opts?.captureRejections) {
    if (typeof opts.captureRejections !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('options.captureRejections', 'boolean', opts.captureRejections);
    }
    emitter[kCapture] = true;
  } else {
    emitter[kCapture] = EventEmitter.prototype[kCapture];
  }
  const events = emitter._events;
  if (events === undefined || events === Object.getPrototypeOf(emitter)._events) {
    emitter._events = { __proto__: null };
    emitter._eventsCount = 0;
    emitter[kShapeMode] = false;
  } else {
    emitter[kShapeMode] = true;
  }
  emitter._maxListeners ||= undefined;
}

class EventEmitterMembers {
  /** The listener limit of emitters that did not set their own (10 unless changed). */
  static get defaultMaxListeners() {
    return defaultMaxListeners;
  }

  static set defaultMaxListeners(n) {
    validateNumber(n, 'defaultMaxListeners', 0);
    defaultMaxListeners = n;
  }

  /** Whether emitters made from now on capture rejections when their options do not say. */
  static get captureRejections() {
    return EventEmitter.prototype[kCapture];
  }

  static set captureRejections(value) {
    if (typeof value !== 'boolean') throw new ERR_INVALID_ARG_TYPE('EventEmitter.captureRejections', 'boolean', value);
    EventEmitter.prototype[kCapture] = value;
  }

  /** Sets how many listeners one event may have before a leak warning is printed (0: no limit). */
  setMaxListeners(n) {
    validateNumber(n, 'setMaxListeners', 0);
    this._maxListeners = n;
    return this;
  }

  /** The listener limit in force for this emitter. */
  getMaxListeners() {
    return maxListenersOf(this);
  }

  /**
   * Calls every listener of `type` in order with the given arguments; true if it
   * had listeners. An 'error' with no listener is thrown (a non-Error value wrapped
   * in ERR_UNHANDLED_ERROR), after the errorMonitor listeners ran.
   */
  emit(type, a, b, c) {
    const events = this._events;
    if (events === undefined) {
      // An emitter whose constructor never ran (an old-style subclass that skipped it).
      if (type === 'error') throw unhandledError(arguments.length > 1 ? a : undefined);
      return false;
    }
    if (type === 'error') {
      if (events[errorMonitor] !== undefined) {
        const args = [errorMonitor];
        for (let i = 1; i < arguments.length; i++) args.push(arguments[i]);
        this.emit(...args);
      }
      if (events.error === undefined) {
        throw unhandledError(arguments.length > 1 ? a : undefined);
      }
    }
    const handler = events[type];
    if (handler === undefined) return false;
    // Calls are spelled out per argument count so the common cases allocate nothing.
    const argc = arguments.length;
    let rest;
    if (argc > 4) {
      rest = new Array(argc - 1);
      for (let i = 1; i < argc; i++) rest[i - 1] = arguments[i];
    }
    if (typeof handler === 'function') {
      let result;
      if (argc === 1) result = handler.call(this);
      else if (argc === 2) result = handler.call(this, a);
      else if (argc === 3) result = handler.call(this, a, b);
      else if (argc === 4) result = handler.call(this, a, b, c);
      else result = handler.apply(this, rest);
      if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, arguments);
      return true;
    }
    handler.emitting++;
    try {
      for (let i = 0; i < handler.length; i++) {
        const listener = handler[i];
        let result;
        if (argc === 1) result = listener.call(this);
        else if (argc === 2) result = listener.call(this, a);
        else if (argc === 3) result = listener.call(this, a, b);
        else if (argc === 4) result = listener.call(this, a, b, c);
        else result = listener.apply(this, rest);
        if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, arguments);
      }
    } finally {
      handler.emitting--;
    }
    return true;
  }

  /** Adds `listener` at the end of `type`'s listeners (after emitting 'newListener'). */
  addListener(type, listener) {
    return addListener(this, type, listener, false);
  }

  /** Adds `listener` at the start of `type`'s listeners. */
  prependListener(type, listener) {
    return addListener(this, type, listener, true);
  }

  /** Adds `listener` at the end, to be removed just before its first call. */
  once(type, listener) {
    validateFunction(listener, 'listener');
    this.on(type, onceWrapper(this, type, listener));
    return this;
  }

  /** Adds `listener` at the start, to be removed just before its first call. */
  prependOnceListener(type, listener) {
    validateFunction(listener, 'listener');
    this.prependListener(type, onceWrapper(this, type, listener));
    return this;
  }

  /** Removes the most recently added instance of `listener` from `type` (then emits 'removeListener'). */
  removeListener(type, listener) {
    validateFunction(listener, 'listener');
    const events = this._events;
    const list = events?.[type];
    if (list === undefined) return this;

    if (list === listener || list.listener === listener) {
      this._eventsCount--;
      if (this[kShapeMode]) events[type] = undefined;
      else if (this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
      if (events.removeListener !== undefined) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      const mutable = mutableList(events, type, list);
      mutable.splice(position, 1);
      if (mutable.length === 1) events[type] = mutable[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  }

  /**
   * Removes all listeners of `type`, or of every event when called with no argument,
   * emitting 'removeListener' for each when someone listens to that.
   */
  removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }

    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key !== 'removeListener') this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }

    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      // Last added first, as Node does.
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  }

  /** A copy of `type`'s listeners, once-listeners shown as the functions given to once(). */
  listeners(type) {
    const handler = this._events?.[type];
    if (handler === undefined) return [];
    if (typeof handler === 'function') return [handler.listener || handler];
    return handler.map((listener) => (typeof listener.listener === 'function' ? listener.listener : listener));
  }

  /** A copy of `type`'s listeners, once-listeners shown as their wrappers. */
  rawListeners(type) {
    const handler = this._events?.[type];
    if (handler === undefined) return [];
    if (typeof handler === 'function') return [handler];
    return handler.slice();
  }

  /** How many listeners `type` has, or how many of them are `listener` when given. */
  listenerCount(type, listener) {
    const handler = this._events?.[type];
    if (handler === undefined) return 0;
    if (typeof handler === 'function') {
      if (listener != null) return listener === handler || listener === handler.listener ? 1 : 0;
      return 1;
    }
    if (listener == null) return handler.length;
    let matching = 0;
    for (let i = 0; i < handler.length; i++) {
      if (handler[i] === listener || handler[i].listener === listener) matching++;
    }
    return matching;
  }

  /** The names (strings and symbols) of the events that have listeners. */
  eventNames() {
    if (this._eventsCount === 0) return [];
    const events = this._events;
    return Reflect.ownKeys(events).filter((key) => events[key] !== undefined);
  }
}

defineClass(EventEmitter, EventEmitterMembers);
// The defaults of what init sets, on the prototype as in Node: an emitter whose table was filled
// in before init (a stream's) counts its listeners from the inherited 0.
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
EventEmitter.prototype[kCapture] = false;
/** Same function as addListener. */
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
/** Same function as removeListener. */
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
/** The errorMonitor symbol, as `EventEmitter.errorMonitor` in Node. */
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejectionSymbol = captureRejectionSymbol;

// In Node, streams are instances of node:events' EventEmitter, as readable-stream's are
// (libraries test `instanceof EventEmitter`): there the platform's own emitter is the streams'
// base, and this file's (the same behaviour, for browsers and other runtimes) everywhere else.
const NodeEventEmitter = globalThis.process?.getBuiltinModule?.('node:events');
/** The base of every stream: node:events' EventEmitter where there is one, else ours. */
export const StreamEmitter = NodeEventEmitter ?? EventEmitter;
/** Runs the base's constructor on a stream (`EventEmitter.call(stream, options)`). */
export const initStreamEmitter = NodeEventEmitter ? (stream, opts) => NodeEventEmitter.call(stream, opts) : initEmitter;

/** A listener's promise (`captureRejections`): its rejection, on the next tick, as Node's. */
function addCatch(emitter, promise, args) {
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err) => nextTick(() => rejectionOrError(emitter, err, args)));
    }
  } catch (err) {
    emitter.emit('error', err);
  }
}

function rejectionOrError(emitter, err, [type, ...args]) {
  if (typeof emitter[captureRejectionSymbol] === 'function') {
    emitter[captureRejectionSymbol](err, type, ...args);
    return;
  }
  const capture = emitter[kCapture];
  try {
    emitter[kCapture] = false;
    emitter.emit('error', err);
  } finally {
    emitter[kCapture] = capture;
  }
}

function maxListenersOf(emitter) {
  return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
}

function addListener(target, type, listener, prepend) {
  validateFunction(listener, 'listener');
  let events = target._events;
  if (events === undefined) {
    // Made on first use for an emitter whose constructor never ran, as Node does.
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  }
  // Announced before it is added, so a 'newListener' listener never sees itself.
  if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ?? listener);
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
    return target;
  }
  let list;
  if (typeof existing === 'function') {
    list = prepend ? [listener, existing] : [existing, listener];
    list.emitting = 0;
    list.warned = false;
    events[type] = list;
  } else {
    list = mutableList(events, type, existing);
    if (prepend) list.unshift(listener);
    else list.push(listener);
  }
  const max = maxListenersOf(target);
  if (max > 0 && list.length > max && !list.warned) {
    list.warned = true;
    console.warn('MaxListenersExceededWarning: Possible EventEmitter memory leak detected. ' +
      `${list.length} ${String(type)} listeners added to ${inspect(target, { depth: -1 })}. ` +
      `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
  }
  return target;
}

// The listener array of `type`, copied first if an emit is walking it.
function mutableList(events, type, list) {
  if (list.emitting === 0) return list;
  const copy = list.slice();
  copy.emitting = 0;
  copy.warned = list.warned;
  events[type] = copy;
  return copy;
}

function onceWrapper(target, type, listener) {
  let fired = false;
  function wrapper() {
    if (fired) return undefined;
    fired = true;
    target.removeListener(type, wrapper);
    return listener.apply(target, arguments);
  }
  wrapper.listener = listener;
  return wrapper;
}

function unhandledError(value) {
  if (value instanceof Error) return value;
  let shown;
  try {
    shown = inspect(value);
  } catch {
    shown = value;
  }
  const err = new ERR_UNHANDLED_ERROR(shown);
  err.context = value;
  return err;
}
