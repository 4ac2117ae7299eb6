// The stream classes as functions, as much of npm still uses them: called without `new`,
// old-style subclasses (`Readable.call(this, options)` with util.inherits or
// Object.setPrototypeOf), class subclasses and mixes of the two; their prototype chains,
// names, instanceof, events, reads and writes, pipe and pipeline through them.

import { inherits, inspect } from 'node:util';
import { scenario, record, attempt, state, wstate, immediate } from './harness.js';

const names = ['Stream', 'Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'];
const streamNames = names.slice(1);
const events = ['data', 'end', 'prefinish', 'finish', 'close', 'error'];

/** Logs what `value` is an instance of, and its constructor's name. */
function kind(lib, log, label, value) {
  const of = {};
  for (const name of names) of[name] = value instanceof lib[name];
  log(label, value?.constructor?.name, of);
}

/** The names of the constructors along `value`'s prototype chain, up to Object. */
function chain(value) {
  const out = [];
  for (let p = Object.getPrototypeOf(value); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    out.push(Object.hasOwn(p, 'constructor') ? p.constructor.name : '(no constructor)');
  }
  return out;
}

/** The constructors each class's statics and prototype inherit from, by name. */
scenario('prototype chains, names and lengths of the classes', async (lib, log) => {
  for (const name of names) {
    const C = lib[name];
    log(name, {
      name: C.name,
      length: C.length,
      type: typeof C,
      staticParent: Object.getPrototypeOf(C)?.name,
      protoParent: Object.getPrototypeOf(C.prototype)?.constructor?.name,
      constructor: C.prototype.constructor === C,
      inspect: /^\[(?:Function|class)[: ](\w+)/.exec(inspect(C))?.[1],
    });
  }
  log('Readable.prototype -> Stream.prototype', Object.getPrototypeOf(lib.Readable.prototype) === lib.Stream.prototype);
  log('Readable -> Stream', Object.getPrototypeOf(lib.Readable) === lib.Stream);
  log('Duplex.prototype -> Readable.prototype', Object.getPrototypeOf(lib.Duplex.prototype) === lib.Readable.prototype);
  log('Transform -> Duplex', Object.getPrototypeOf(lib.Transform) === lib.Duplex);
  log('PassThrough.prototype -> Transform.prototype', Object.getPrototypeOf(lib.PassThrough.prototype) === lib.Transform.prototype);
  log('statics inherited', lib.Transform.from === lib.Duplex.from, lib.Duplex.from !== undefined, typeof lib.PassThrough.fromWeb);
  log('own statics', typeof lib.Readable.from, typeof lib.Readable.toWeb, typeof lib.Writable.fromWeb);
});

scenario('public methods are enumerable on the prototypes, getters are not', async (lib, log) => {
  const methods = {
    Readable: ['destroy', '_destroy', 'push', 'unshift', 'isPaused', 'setEncoding', 'read', '_read', 'pipe', 'unpipe',
      'on', 'addListener', 'removeListener', 'off', 'removeAllListeners', 'resume', 'pause', 'wrap', 'iterator', 'compose'],
    Writable: ['pipe', 'write', 'cork', 'uncork', 'setDefaultEncoding', '_write', 'end', 'destroy', '_destroy'],
    Duplex: ['write', 'cork', 'uncork', 'setDefaultEncoding', '_write', 'end', 'destroy'],
    Transform: ['_final', '_transform', '_write', '_read'],
    Stream: ['pipe'],
  };
  for (const [name, list] of Object.entries(methods)) {
    const keys = Object.keys(lib[name].prototype);
    log(name, list.filter((method) => keys.includes(method)));
  }
  const getters = ['readable', 'readableLength', 'destroyed', 'readableFlowing', '_readableState'];
  log('Readable getters enumerable', getters.map((g) => Object.keys(lib.Readable.prototype).includes(g)));
  const emitter = Object.getPrototypeOf(lib.Stream.prototype);
  log('EventEmitter methods', ['emit', 'on', 'once', 'removeListener', 'listenerCount', 'eventNames'].map((m) => Object.keys(emitter).includes(m)));
});

for (const name of streamNames) {
  scenario(`${name}() without new`, async (lib, log) => {
    const s = lib[name]();
    kind(lib, log, 'no options', s);
    log('chain', chain(s));
    state('readable side', s);
    if (s instanceof lib.Writable) wstate('writable side', s);
    const o = lib[name]({ objectMode: true, highWaterMark: 3 });
    log('options', o.readableObjectMode, o.readableHighWaterMark, o.writableObjectMode, o.writableHighWaterMark);
    log('inspect', inspect(o, { depth: -1 }));
    log('_events keys', Object.keys(s._events), s.eventNames(), s.listenerCount('prefinish'));
  });

  scenario(`${name}.call(this) from an object that is not one: a new ${name}, this untouched`, async (lib, log) => {
    const plain = {};
    const made = lib[name].call(plain, { objectMode: true });
    kind(lib, log, 'returned', made);
    log('plain untouched', Object.keys(plain));
    log('objectMode', made.readableObjectMode ?? made.writableObjectMode);
  });
}

scenario('Stream() without new throws; new Stream() and Stream.call(this) make emitters', async (lib, log) => {
  const { Stream } = lib;
  attempt('Stream()', () => Stream());
  const s = new lib.Stream();
  kind(lib, log, 'new Stream()', s);
  log('fields', Object.getPrototypeOf(s._events), s._eventsCount, s._maxListeners);
  function Legacy() {
    lib.Stream.call(this);
    this.readable = true;
  }
  inherits(Legacy, lib.Stream);
  const legacy = new Legacy();
  kind(lib, log, 'legacy', legacy);
  legacy.on('data', (chunk) => log('legacy data', chunk));
  log('emit', legacy.emit('data', 'x'), legacy.eventNames(), legacy.listenerCount('data'));
  log('Legacy.super_', Legacy.super_ === lib.Stream);
});

scenario('legacy Stream.call(this) emitter piped into a Writable', async (lib, log) => {
  function Legacy() {
    lib.Stream.call(this);
    this.readable = true;
  }
  inherits(Legacy, lib.Stream);
  Legacy.prototype.pause = function () { log('legacy pause'); };
  Legacy.prototype.resume = function () { log('legacy resume'); };
  const src = new Legacy();
  const dest = new lib.Writable({
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      log('write', String(chunk));
      setImmediate(cb);
    },
  });
  record(dest, ['pipe', 'drain', 'finish', 'close'], 'dest');
  src.pipe(dest);
  src.emit('data', 'a');
  src.emit('data', 'b');
  await immediate();
  src.emit('end');
  await immediate();
});

// ---- old-style subclasses ----

/** An old-style subclass of `Base`, with util.inherits or Object.setPrototypeOf. */
function oldStyle(Base, style, init = () => {}) {
  function Old(options) {
    if (!(this instanceof Old)) return new Old(options);
    Base.call(this, options);
    init(this);
  }
  if (style === 'inherits') {
    inherits(Old, Base);
  } else {
    Object.setPrototypeOf(Old.prototype, Base.prototype);
    Object.setPrototypeOf(Old, Base);
  }
  return Old;
}

for (const style of ['inherits', 'setPrototypeOf']) {
  scenario(`old-style Readable (${style}): _read on the prototype, flowing and paused`, async (lib, log) => {
    const My = oldStyle(lib.Readable, style, (self) => {
      self.count = 0;
    });
    My.prototype._read = function (size) {
      log('_read', size, this instanceof My);
      this.push(this.count < 3 ? `c${this.count++}` : null);
    };
    const r = new My({ encoding: 'utf8', highWaterMark: 4 });
    kind(lib, log, 'instance', r);
    log('chain', chain(r), Object.keys(r._events), r.eventNames());
    record(r, events);
    state('before', r);
    r.on('data', (chunk) => log('data', chunk));
    await immediate();
    state('after', r);
    const p = My({ objectMode: true });
    kind(lib, log, 'without new', p);
    log('read', p.read(), p.read());
    await immediate();
  });

  scenario(`old-style Writable (${style}): _write and _final, cork and end callback`, async (lib, log) => {
    const My = oldStyle(lib.Writable, style);
    My.prototype._write = function (chunk, encoding, cb) {
      log('_write', String(chunk), encoding, this instanceof My);
      process.nextTick(cb);
    };
    My.prototype._final = function (cb) {
      log('_final');
      cb();
    };
    const w = new My({ highWaterMark: 2, decodeStrings: false });
    kind(lib, log, 'instance', w);
    log('chain', chain(w), Object.keys(w._events));
    record(w, [...events, 'drain']);
    log('write', w.write('ab'), w.write('cd'));
    w.cork();
    w.write('e');
    wstate('corked', w);
    w.end('f', () => log('end callback'));
    await immediate();
    wstate('after', w);
  });

  scenario(`old-style Duplex (${style}): both sides, allowHalfOpen`, async (lib, log) => {
    const My = oldStyle(lib.Duplex, style);
    My.prototype._read = function () {};
    My.prototype._write = function (chunk, encoding, cb) {
      log('_write', String(chunk));
      this.push(String(chunk).toUpperCase());
      cb();
    };
    My.prototype._final = function (cb) {
      this.push(null);
      cb();
    };
    const d = new My({ allowHalfOpen: false });
    kind(lib, log, 'instance', d);
    log('chain', chain(d), Object.keys(d._events), d.allowHalfOpen);
    record(d, events);
    d.on('data', (chunk) => log('data', String(chunk)));
    d.write('x');
    d.end('y');
    await immediate();
    state('readable', d);
    wstate('writable', d);
  });

  scenario(`old-style Transform (${style}), as through2 makes them: _transform, _flush, custom destroy`, async (lib, log) => {
    const My = oldStyle(lib.Transform, style, (self) => {
      self._destroyed = false;
    });
    My.prototype._transform = function (chunk, encoding, cb) {
      cb(null, String(chunk).split('').reverse().join(''));
    };
    My.prototype._flush = function (cb) {
      this.push('!');
      cb();
    };
    My.prototype.destroy = function (err) {
      if (this._destroyed) return;
      this._destroyed = true;
      process.nextTick(() => {
        if (err) this.emit('error', err);
        this.emit('close');
      });
    };
    const t = My({ objectMode: true });
    kind(lib, log, 'instance', t);
    record(t, events);
    t.on('data', (chunk) => log('data', chunk));
    t.write('abc');
    t.end('de');
    await immediate();
    const u = new My();
    record(u, ['error', 'close'], 'u');
    u.destroy(new Error('custom'));
    await immediate();
    log('u.destroyed getter', u.destroyed, u._destroyed);
  });

  scenario(`old-style PassThrough (${style}) in a pipe chain`, async (lib, log) => {
    const My = oldStyle(lib.PassThrough, style);
    const p = new My();
    kind(lib, log, 'instance', p);
    const src = lib.Readable.from(['a', 'b', 'c'], { objectMode: false });
    const chunks = [];
    const sink = new lib.Writable({
      write(chunk, encoding, cb) {
        chunks.push(String(chunk));
        cb();
      },
    });
    record(p, ['pipe', 'unpipe', 'end', 'finish', 'close'], 'p');
    record(sink, ['pipe', 'unpipe', 'finish', 'close'], 'sink');
    src.pipe(p).pipe(sink);
    await immediate();
    await immediate();
    log('chunks', chunks);
  });
}

scenario('pipeline through old-style streams', async (lib, log) => {
  function Source(items) {
    lib.Readable.call(this, { objectMode: true });
    this.items = items;
  }
  inherits(Source, lib.Readable);
  Source.prototype._read = function () {
    this.push(this.items.length ? this.items.shift() : null);
  };
  function Double(options) {
    lib.Transform.call(this, options);
  }
  inherits(Double, lib.Transform);
  Double.prototype._transform = function (n, encoding, cb) {
    cb(null, n * 2);
  };
  function Collect(options) {
    lib.Writable.call(this, options);
    this.seen = [];
  }
  inherits(Collect, lib.Writable);
  Collect.prototype._write = function (n, encoding, cb) {
    this.seen.push(n);
    cb();
  };
  const sink = new Collect({ objectMode: true });
  lib.pipeline(new Source([1, 2, 3]), new Double({ objectMode: true }), sink, (err) => log('pipeline done', err ?? null, sink.seen));
  await immediate();
  await immediate();
  const failing = new Double({ objectMode: true });
  failing._transform = (n, encoding, cb) => cb(new Error(`bad ${n}`));
  const sink2 = new Collect({ objectMode: true });
  lib.pipeline(new Source([7]), failing, sink2, (err) => log('pipeline failed', err, failing.destroyed, sink2.destroyed));
  await immediate();
  await immediate();
  const collected = await new Source(['x', 'y']).toArray();
  log('toArray', collected);
});

// ---- classes and mixes ----

scenario('class extends: super(options), new.target, fields after super', async (lib, log) => {
  class Upper extends lib.Transform {
    constructor(options) {
      super(options);
      this.seen = 0;
      log('new.target is Upper', new.target === Upper);
    }

    _transform(chunk, encoding, cb) {
      this.seen++;
      cb(null, String(chunk).toUpperCase());
    }
  }
  const u = new Upper();
  kind(lib, log, 'instance', u);
  log('chain', chain(u));
  u.on('data', (chunk) => log('data', String(chunk)));
  u.end('abc');
  await immediate();
  log('seen', u.seen);
  attempt('Upper() without new', () => Upper());
});

scenario('class subclass of an old-style subclass, and an old-style subclass of that', async (lib, log) => {
  function Counter(options) {
    lib.Readable.call(this, { objectMode: true, ...options });
    this.n = 0;
  }
  inherits(Counter, lib.Readable);
  Counter.prototype._read = function () {
    this.push(this.n < this.limit ? this.n++ : null);
  };
  Counter.prototype.limit = 2;
  class ThreeCounter extends Counter {
    constructor(options) {
      super(options);
      this.limit = 3;
    }
  }
  function OldOfOld(options) {
    Counter.call(this, options);
    this.limit = 1;
  }
  inherits(OldOfOld, Counter);
  for (const make of [() => new ThreeCounter(), () => new OldOfOld()]) {
    const r = make();
    kind(lib, log, 'instance', r);
    log('chain', chain(r));
    log('values', await r.toArray());
  }
  class Klass extends lib.Writable {}
  function OldOfClass() {
    Klass.call(this);
  }
  inherits(OldOfClass, Klass);
  attempt('old-style subclass of a class', () => new OldOfClass());
});

scenario('instanceof Writable for old-style Duplex and Transform subclasses', async (lib, log) => {
  for (const base of ['Duplex', 'Transform', 'PassThrough']) {
    const My = oldStyle(lib[base], 'inherits');
    const s = new My();
    kind(lib, log, base, s);
    log('instance of My', s instanceof My);
  }
  const W = oldStyle(lib.Writable, 'inherits');
  log('Duplex instance of old-style Writable subclass', new lib.Duplex() instanceof W);
});

scenario('an old-style stream is an emitter like a class-made one', async (lib, log) => {
  const My = oldStyle(lib.Readable, 'inherits');
  My.prototype._read = function () {};
  const r = new My();
  log('own keys', Object.keys(r).filter((k) => k.startsWith('_event') || k === '_maxListeners'));
  const f = () => log('x');
  r.once('x', f);
  r.prependListener('y', f);
  log('names', r.eventNames(), r.listenerCount('x'), r.getMaxListeners());
  log('emit', r.emit('x'), r.emit('x'), r.emit('y'));
  r.removeAllListeners();
  log('after removeAll', r.eventNames(), Object.keys(r._events));
});

scenario('errors from the constructors name the class in the stack', async (lib, log) => {
  for (const name of streamNames) {
    for (const withNew of [true, false]) {
      try {
        if (withNew) new lib[name]({ highWaterMark: -1 });
        else lib[name]({ highWaterMark: -1 });
        log(name, 'no error');
      } catch (err) {
        const lines = err.stack.split('\n');
        log(name, withNew, err, lines.some((line) => line.includes(`at new ${name} (`)), lines.filter((line) => /_(Readable|Writable|Duplex|Transform|PassThrough|Stream)\b|Members/.test(line)));
      }
    }
  }
  try {
    new lib.Readable().read();
  } catch (err) {
    log('read', err);
  }
});

// ---- Readable.call / Writable.call on a stream made already ----

scenario('Readable.call on a Readable starts it over; it returns undefined', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('old');
  log('returned', lib.Readable.call(r, { read() { log('new _read'); this.push(null); } }));
  state('after', r);
  record(r, events);
  r.resume();
  await immediate();
  const w = new lib.Writable({ write(chunk, encoding, cb) { log('old write'); cb(); } });
  log('returned', lib.Writable.call(w, { write(chunk, encoding, cb) { log('new write', String(chunk)); cb(); } }));
  record(w, events);
  w.end('z');
  await immediate();
});

scenario('Writable.call and Readable.call on a Duplex take the methods and keep both sides', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(chunk, encoding, cb) {
      log('duplex write', String(chunk));
      cb();
    },
  });
  log('Writable.call', lib.Writable.call(d, {
    write(chunk, encoding, cb) {
      log('given write', String(chunk));
      cb();
    },
  }));
  log('Readable.call', lib.Readable.call(d, { read() { log('given read'); } }));
  log('instanceof', d instanceof lib.Writable, d.writable, d.readable);
  record(d, events);
  d.write('a');
  d.end('b');
  d.push('x');
  d.push(null);
  d.on('data', (chunk) => log('data', String(chunk)));
  await immediate();
  log('Writable.call on a Readable', lib.Writable.call(new lib.Readable()) instanceof lib.Writable);
  log('Readable.call on a Writable', lib.Readable.call(new lib.Writable()) instanceof lib.Readable);
});

scenario('a Stream subclass whose constructor never runs Stream() is still an emitter', async (lib, log) => {
  function Lazy() {}
  inherits(Lazy, lib.Stream);
  const e = new Lazy();
  const f = (...args) => log('f', ...args);
  // (eventNames() is left out here: Node's Stream.prototype.eventNames throws without `_events`.)
  log('before', e.listenerCount('x'), e.listeners('x'), e.rawListeners('x'), e.emit('x', 1));
  log('removeListener', e.removeListener('x', f) === e, 'removeAllListeners', e.removeAllListeners('x') === e);
  attempt('emit error', () => e.emit('error', new Error('no listener')));
  const g = new Lazy();
  g.on('x', f);
  log('after on', g.emit('x', 2), g.listenerCount('x'), g.eventNames(), Object.getPrototypeOf(g._events));
  g.once('y', f);
  g.off('x', f);
  log('after off', g.emit('x', 3), g.emit('y', 4), g.eventNames());
});

scenario('listeners added before Readable.call(this) are kept', async (lib, log) => {
  function Early(options) {
    this.on('end', () => log('early end listener'));
    this.on('custom', (v) => log('custom', v));
    lib.Readable.call(this, options);
  }
  inherits(Early, lib.Readable);
  Early.prototype._read = function () {
    this.push('a');
    this.push(null);
  };
  const r = new Early();
  log('names', r.eventNames(), Object.keys(r._events));
  r.emit('custom', 1);
  r.resume();
  await immediate();
});
