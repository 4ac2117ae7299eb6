// Assignments to `_readableState`/`_writableState` fields, as readable-stream era libraries make
// them (split2, duplexify, from2, through2, readable-stream's undestroy, …): each must take
// effect where Node's does, and be stored where Node's is only stored. ES modules are strict, so
// an assignment Node refuses (a getter-only field) throws here in both libraries.

import { scenario, record, attempt, wstate, immediate } from './harness.js';

scenario('split2@4: _destroy clears _writableState.errorEmitted, the error is still emitted', async (lib, log) => {
  class Split extends lib.Transform {
    _transform(chunk, enc, cb) {
      cb(null, chunk);
    }

    _destroy(err, cb) {
      this._writableState.errorEmitted = false;
      log('errorEmitted', this._writableState.errorEmitted, this._readableState.errorEmitted);
      cb(err);
    }
  }
  const s = new Split();
  record(s, ['error', 'close', 'finish', 'end']);
  attempt('destroy', () => s.destroy(new Error('boom')) === s);
  await immediate();
  log('after', s._writableState.errorEmitted, s._readableState.errorEmitted, s.destroyed);
  const t = new Split();
  record(t, ['error', 'close']);
  attempt('destroy without error', () => t.destroy() === t);
  await immediate();
});

scenario('errorEmitted = false after an error lets a later error be emitted', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); }, autoDestroy: false });
  record(w, ['error', 'close', 'finish']);
  w.destroy(new Error('first'));
  await immediate();
  w._writableState.errorEmitted = false;
  w._readableState && (w._readableState.errorEmitted = false);
  w.emit('error', new Error('by hand'));
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r, ['error', 'close']);
  r.destroy(new Error('one'));
  await immediate();
  r._readableState.errorEmitted = false;
  r._readableState.destroyed = false;
  r._readableState.errored = null;
  log('reset', r.destroyed, r.errored, r._readableState.errorEmitted);
  r.destroy(new Error('two'));
  await immediate();
});

scenario('split2@2: _readableState.objectMode = true after construction makes pushes object mode', async (lib, log) => {
  class Split extends lib.Transform {
    constructor() {
      super();
      this._readableState.objectMode = true;
    }

    _transform(chunk, enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) this.push({ line });
      cb();
    }
  }
  const s = new Split();
  log('modes', s.readableObjectMode, s.writableObjectMode, s._readableState.objectMode);
  s.on('data', (d) => log('data', d));
  record(s, ['end', 'finish', 'error']);
  s.write('a\nb\n');
  s.end('c');
  await immediate();
});

scenario('_readableState.objectMode = false on an object-mode Transform: pushes are bytes again', async (lib, log) => {
  const t = new lib.Transform({
    objectMode: true,
    transform(obj, enc, cb) {
      cb(null, JSON.stringify(obj));
    },
  });
  t._readableState.objectMode = false;
  log('modes', t.readableObjectMode, t.writableObjectMode, t.readableHighWaterMark);
  t.write({ a: 1 });
  t.write({ b: 2 });
  t.end();
  await immediate();
  log('length', t.readableLength);
  log('read', t.read());
  attempt('push an object', () => t.push({}));
  await immediate();
  log('destroyed', t.destroyed);
});

scenario('_writableState.objectMode = true after construction: objects can be written', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, enc, cb) {
      log('write', chunk, enc);
      cb();
    },
  });
  w._writableState.objectMode = true;
  log('mode', w.writableObjectMode);
  attempt('write object', () => w.write({ x: 1 }));
  attempt('write number', () => w.write(5));
  log('length', w.writableLength);
  w._writableState.objectMode = false;
  attempt('write object again', () => w.write({ x: 2 }));
  await immediate();
});

scenario('duplexify: _writableState.prefinished = true suppresses prefinish', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, ['prefinish', 'finish', 'close']);
  w._writableState.prefinished = true;
  w.end('x');
  await immediate();
  wstate('after', w);
  const d = new lib.Duplex({ write(c, e, cb) { cb(); }, read() {}, final(cb) { log('final'); cb(); } });
  record(d, ['prefinish', 'finish']);
  d._writableState.prefinished = true;
  d.end();
  await immediate();
});

scenario('highWaterMark assigned on both state objects moves the backpressure point', async (lib, log) => {
  const r = new lib.Readable({ read(n) { log('_read', n); } });
  r._readableState.highWaterMark = 4;
  log('hwm', r.readableHighWaterMark, r._readableState.highWaterMark);
  log('push', r.push('ab'), r.push('cd'), r.readableLength);
  r.read(0);
  const w = new lib.Writable({ write(c, e, cb) { setImmediate(cb); } });
  w._writableState.highWaterMark = 3;
  log('whwm', w.writableHighWaterMark);
  log('write', w.write('a'), w.write('b'), w.write('c'), w.writableNeedDrain);
  record(w, ['drain']);
  await immediate();
  await immediate();
  await immediate();
  await immediate();
  w._writableState.highWaterMark = 100;
  log('write big', w.write('0123456789'));
  await immediate();
});

scenario('reading = false inside _read lets the next read() call _read again', async (lib, log) => {
  let calls = 0;
  const r = new lib.Readable({
    read() {
      calls++;
      log('_read', calls, this._readableState.reading);
    },
  });
  r.read();
  r.read();
  r._readableState.reading = false;
  r.read();
  log('calls', calls);
  r._readableState.needReadable = false;
  r._readableState.sync = false;
  r.push('x');
  log('state', r._readableState.needReadable, r._readableState.emittedReadable, r.readableLength);
  await immediate();
});

scenario('ended/ending/finished assignments change what push, write and end do', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['error', 'end', 'close']);
  r._readableState.ended = true;
  attempt('push after ended', () => r.push('x'));
  await immediate();
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, ['error', 'finish', 'close']);
  w._writableState.ending = true;
  attempt('write after ending', () => w.write('x', (err) => log('cb', err)));
  await immediate();
  const w2 = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w2, ['error', 'finish', 'close']);
  w2._writableState.finished = true;
  w2._writableState.ended = true;
  log('getters', w2.writableFinished, w2.writableEnded, w2.writable);
  w2.end((err) => log('end cb', err));
  await immediate();
});

scenario('corked, needDrain, decodeStrings and defaultEncoding assigned on _writableState', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, enc, cb) {
      log('write', typeof chunk, chunk, enc);
      cb();
    },
  });
  record(w, ['drain']);
  w._writableState.corked = 1;
  log('corked', w.writableCorked, w._writableState.corked);
  w.write('a');
  log('buffered', w.writableLength, w._writableState.bufferedRequestCount);
  w._writableState.corked = 0;
  w.write('b');
  await immediate();
  w._writableState.decodeStrings = false;
  w._writableState.defaultEncoding = 'latin1';
  log('enc', w._writableState.decodeStrings, w._writableState.defaultEncoding);
  w.write('c');
  w._writableState.decodeStrings = true;
  w.write('d');
  w._writableState.needDrain = true;
  log('needDrain', w.writableNeedDrain);
  w.write('e');
  await immediate();
});

scenario('readable side: defaultEncoding, encoding, flowing, paused and errored assigned', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r._readableState.defaultEncoding = 'hex';
  r.push('6162');
  log('read', r.read());
  r._readableState.paused = true;
  log('paused', r.isPaused(), r._readableState.paused);
  r._readableState.paused = false;
  log('unpaused', r.isPaused());
  r._readableState.flowing = false;
  log('flowing', r.readableFlowing, r._readableState.flowing);
  r._readableState.flowing = null;
  log('flowing null', r.readableFlowing);
  const err = new Error('set');
  r._readableState.errored = err;
  log('errored', r.errored === err, r._readableState.errored === err, r.readable);
  attempt('push when errored', () => r.push('x'));
  log('length', r.readableLength);
  r._readableState.errored = null;
  log('cleared', r.errored);
  attempt('push again', () => r.push('y'));
  log('length', r.readableLength);
  await immediate();
});

scenario('destroyed/closed/emitClose/autoDestroy written on the state objects', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['data', 'end', 'error', 'close']);
  r._readableState.emitClose = false;
  r._readableState.autoDestroy = false;
  r.push('a');
  r.push(null);
  r.resume();
  await immediate();
  log('after end', r.destroyed, r.closed);
  r.destroy();
  await immediate();
  log('after destroy', r.destroyed, r.closed, r._readableState.closeEmitted);
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  record(w, ['finish', 'error', 'close']);
  w._writableState.destroyed = true;
  log('w destroyed', w.destroyed, w.writable);
  attempt('write when destroyed', () => w.write('x', (err) => log('cb', err)));
  w._writableState.destroyed = false;
  attempt('write after reset', () => w.write('y', (err) => log('cb2', err)));
  await immediate();
});

scenario('readable-stream undestroy: every flag reset after destroy, then used again', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    write(c, e, cb) {
      log('write', c);
      cb();
    },
    autoDestroy: false,
  });
  record(d, ['error', 'close', 'finish', 'end', 'data']);
  d.end('a');
  await immediate();
  d.destroy();
  await immediate();
  const r = d._readableState;
  const w = d._writableState;
  r.destroyed = false;
  r.closed = false;
  r.errorEmitted = false;
  r.reading = false;
  r.ended = r.readable === false;
  r.endEmitted = r.readable === false;
  w.destroyed = false;
  w.closed = false;
  w.closeEmitted = false;
  w.errored = null;
  w.errorEmitted = false;
  w.finalCalled = false;
  w.prefinished = false;
  w.ended = w.writable === false;
  w.ending = w.writable === false;
  w.finished = w.writable === false;
  r.closeEmitted = false;
  log('after reset', d.destroyed, d.writable, d.readable, d.writableFinished);
  attempt('write', () => d.write('b'));
  d.push('c');
  d.end();
  await immediate();
});

scenario('unknown fields are stored; getter-only fields throw in strict code', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const w = new lib.Writable({ write(c, e, cb) { cb(); } });
  r._readableState.myFlag = 1;
  w._writableState.other = 'x';
  log('stored', r._readableState.myFlag, w._writableState.other);
  attempt('pipesCount', () => {
    r._readableState.pipesCount = 3;
  });
  log('pipesCount', r._readableState.pipesCount);
  attempt('bufferedRequestCount', () => {
    w._writableState.bufferedRequestCount = 3;
  });
  r._readableState.awaitDrainWriters = null;
  r._readableState.multiAwaitDrain = false;
  log('fields', r._readableState.awaitDrainWriters, r._readableState.multiAwaitDrain, r._readableState.pipes);
});

scenario('corked assigned while corked: uncork() counts from the assigned number', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, enc, cb) {
      log('write', chunk);
      cb();
    },
  });
  w.cork();
  w.write('a');
  w._writableState.corked = 3;
  w.uncork();
  log('after one uncork', w.writableCorked, w.writableLength);
  w._writableState.corked = 0;
  w.uncork();
  log('after zero', w.writableCorked, w.writableLength);
  w.write('b');
  log('after write', w.writableLength);
  w.end();
  await immediate();
  log('finished', w.writableFinished);
});
