// finished (end-of-stream) and lib.promises.finished: every stream kind in every life stage
// (including the paths that call back at once), the options, premature closes, the returned
// cleanup function, bad arguments, and legacy emitter-based streams.

import { EventEmitter } from 'node:events';
import { scenario, attempt, tick } from './harness.js';
import { watch, source, sink, upper, turns, settle } from './pipeline.helpers.js';

/** Calls finished on `stream` and logs ['finished', label, err or null, this === stream]. */
function eos(lib, log, stream, options, label = 'finished') {
  const cb = function (err) {
    log(label, err ?? null, this === stream);
  };
  return options === undefined ? lib.finished(stream, cb) : lib.finished(stream, options, cb);
}

/** A Duplex that echoes writes and ends its readable side on end(). */
function echo(lib, options = {}) {
  return new lib.Duplex({
    write(chunk, encoding, cb) {
      this.push(chunk);
      cb();
    },
    final(cb) {
      this.push(null);
      cb();
    },
    read() {},
    ...options,
  });
}

// ---- Readable ----

scenario('Readable: read to the end', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  eos(lib, log, r);
  r.resume();
  await turns();
});

scenario('Readable: ended, autoDestroy false, not closed: calls back at once', async (lib, log) => {
  const r = watch(log, 'r', source(lib, [], { autoDestroy: false }));
  r.resume();
  await turns();
  log('endEmitted', r.readableEnded, 'closed', r.closed);
  eos(lib, log, r);
  log('sync');
  await turns();
});

scenario('Readable: ended and closed: calls back on the next tick', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await turns();
  eos(lib, log, r);
  log('sync');
  await tick();
  log('tick');
});

scenario('Readable: ended, close pending: waits for close', async (lib, log) => {
  const r = watch(log, 'r', source(lib, []));
  r.resume();
  r.on('end', () => eos(lib, log, r, undefined, 'finished from end'));
  await turns();
});

scenario('Readable: destroyed without error, closed: premature close', async (lib, log) => {
  const r = source(lib);
  r.destroy();
  await turns();
  eos(lib, log, r);
  await turns();
});

scenario('Readable: destroyed without error, not yet closed', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  r.destroy();
  eos(lib, log, r);
  await turns();
});

scenario('Readable: destroyed with an error already emitted', async (lib, log) => {
  const r = source(lib);
  r.on('error', () => log('own error listener'));
  r.destroy(new Error('boom'));
  await turns();
  eos(lib, log, r);
  await turns();
});

scenario('Readable: destroyed with an error in the same tick', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  r.destroy(new Error('boom'));
  eos(lib, log, r);
  await turns();
});

scenario('Readable: error emitted, autoDestroy false', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ autoDestroy: false, read() {} }));
  eos(lib, log, r);
  r.destroy(new Error('x'));
  await turns();
  eos(lib, log, r, undefined, 'finished again');
  await turns();
});

scenario('Readable: push(null) not yet read, then destroyed: not premature', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push(null);
  eos(lib, log, r);
  r.destroy();
  await turns();
});

scenario('Readable: data buffered, then destroyed: premature', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('left');
  r.push(null);
  eos(lib, log, r);
  r.destroy();
  await turns();
});

scenario('Readable: emitClose false, destroyed', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ emitClose: false, read() {} }));
  eos(lib, log, r);
  r.destroy();
  await turns();
  log('closed', r.closed, 'destroyed', r.destroyed);
});

// ---- Writable ----

scenario('Writable: end() -> finish, close', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  eos(lib, log, w);
  w.write('a');
  w.end('b');
  await turns();
});

scenario('Writable: finished and closed: next tick', async (lib, log) => {
  const w = sink(lib, log);
  w.end('a');
  await turns();
  eos(lib, log, w);
  log('sync');
  await turns();
});

scenario('Writable: finished, autoDestroy false: at once', async (lib, log) => {
  const w = sink(lib, log, 'sink', { autoDestroy: false });
  w.end();
  await turns();
  eos(lib, log, w);
  log('sync');
  await turns();
});

scenario('Writable: destroyed before end: premature close', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  eos(lib, log, w);
  w.write('x');
  w.destroy();
  await turns();
});

scenario('Writable: end() then destroy before finish', async (lib, log) => {
  const w = watch(log, 'w', new lib.Writable({
    write(c, e, cb) {
      setImmediate(cb);
    },
  }));
  eos(lib, log, w);
  w.end('x');
  w.destroy();
  await turns();
});

scenario('Writable: write error', async (lib, log) => {
  const w = watch(log, 'w', new lib.Writable({
    write(c, e, cb) {
      cb(new Error('write failed'));
    },
  }));
  eos(lib, log, w);
  w.write('x');
  await turns();
});

scenario('Writable: ended with a write pending, { readable: false }', async (lib, log) => {
  let release;
  const w = watch(log, 'w', new lib.Writable({
    autoDestroy: false,
    write(c, e, cb) {
      release = cb;
    },
  }));
  w.end('x');
  eos(lib, log, w, { readable: false });
  await turns();
  log('releasing');
  release();
  await turns();
});

// ---- Duplex and Transform ----

scenario('Duplex: waits for both sides', async (lib, log) => {
  const d = watch(log, 'd', echo(lib));
  eos(lib, log, d);
  d.resume();
  d.write('a');
  await turns();
  log('ending');
  d.end();
  await turns();
});

scenario('Duplex: { readable: false } waits for finish only', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    read() {},
    write(c, e, cb) {
      cb();
    },
  }));
  eos(lib, log, d, { readable: false });
  d.end('x');
  await turns();
  log('readable side open', d.readable);
});

scenario('Duplex: { writable: false } waits for end only', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    read() {
      this.push(null);
    },
    write(c, e, cb) {
      cb();
    },
  }));
  eos(lib, log, d, { writable: false });
  d.resume();
  await turns();
  log('writable side open', d.writable);
});

scenario('Duplex: readable side disabled at construction', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    readable: false,
    write(c, e, cb) {
      cb();
    },
  }));
  eos(lib, log, d);
  d.end('x');
  await turns();
});

scenario('Duplex: allowHalfOpen false, readable end ends it', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    allowHalfOpen: false,
    read() {
      this.push(null);
    },
    write(c, e, cb) {
      cb();
    },
  }));
  eos(lib, log, d);
  d.resume();
  await turns();
});

scenario('Duplex: readable ended, writable destroyed: premature', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    read() {
      this.push(null);
    },
    write(c, e, cb) {
      cb();
    },
  }));
  eos(lib, log, d);
  d.resume();
  await turns();
  d.destroy();
  await turns();
});

scenario('Transform: end -> finish, end, close', async (lib, log) => {
  const t = watch(log, 't', upper(lib));
  eos(lib, log, t);
  t.resume();
  t.end('x');
  await turns();
});

scenario('Transform: transform error', async (lib, log) => {
  const t = watch(log, 't', new lib.Transform({
    transform(c, e, cb) {
      cb(new Error('bad chunk'));
    },
  }));
  eos(lib, log, t);
  t.write('x');
  await turns();
});

scenario('Transform: destroyed, then finished twice', async (lib, log) => {
  const t = new lib.PassThrough();
  t.destroy();
  eos(lib, log, t, undefined, 'before close');
  await turns();
  eos(lib, log, t, undefined, 'after close');
  await turns();
});

// ---- options ----

scenario('error: false: the error is ignored, close reports it', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  eos(lib, log, r, { error: false });
  r.destroy(new Error('ignored until close'));
  await turns();
});

scenario('error: false, autoDestroy false: an error without close never calls back', async (lib, log) => {
  const w = watch(log, 'w', new lib.Writable({
    autoDestroy: false,
    write(c, e, cb) {
      cb(new Error('kept open'));
    },
  }));
  eos(lib, log, w, { error: false });
  w.write('x');
  await turns();
  log('closed', w.closed, 'errored', w.errored);
});

scenario('signal aborted before: AbortError with cause', async (lib, log) => {
  const r = source(lib);
  const ac = new AbortController();
  ac.abort(new Error('reason'));
  lib.finished(r, { signal: ac.signal }, (err) => log('finished', err, err.cause));
  log('sync');
  await turns();
});

scenario('signal aborted later: AbortError, no second call', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const ac = new AbortController();
  lib.finished(r, { signal: ac.signal }, (err) => log('finished', err, err?.cause));
  ac.abort();
  r.resume();
  await turns();
});

scenario('signal on a finished stream: the result, not an abort', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await turns();
  const ac = new AbortController();
  ac.abort();
  eos(lib, log, r, { signal: ac.signal });
  await turns();
});

scenario('signal not aborted, stream ends: callback once', async (lib, log) => {
  const r = source(lib);
  const ac = new AbortController();
  eos(lib, log, r, { signal: ac.signal });
  r.resume();
  await turns();
  ac.abort();
  await turns();
});

scenario('options null and undefined', async (lib, log) => {
  const r = source(lib, []);
  lib.finished(r, null, (err) => log('null options', err ?? null));
  lib.finished(r, undefined, (err) => log('undefined options', err ?? null));
  r.resume();
  await turns();
});

// ---- cleanup ----

scenario('cleanup() before the end: no callback, listeners removed', async (lib, log) => {
  const r = source(lib);
  const counts = () => ['end', 'finish', 'error', 'close'].map((e) => r.listenerCount(e));
  const before = counts();
  const cleanup = eos(lib, log, r);
  log('type', typeof cleanup);
  log('added', counts().map((n, i) => n - before[i]));
  cleanup();
  log('after cleanup', counts().map((n, i) => n - before[i]));
  r.resume();
  await turns();
});

scenario('cleanup() on the immediate path: no callback', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await turns();
  const errorsBefore = r.listenerCount('error');
  const cleanup = eos(lib, log, r);
  log('error listener added', r.listenerCount('error') - errorsBefore);
  cleanup();
  log('after cleanup', r.listenerCount('error') - errorsBefore);
  await turns();
});

// ---- bad arguments ----

scenario('no callback: thrown', async (lib, log) => {
  attempt('finished', () => lib.finished(source(lib)));
  attempt('with options', () => lib.finished(source(lib), {}));
  attempt('non-function', () => lib.finished(source(lib), {}, 'cb'));
});

scenario('options not an object: thrown', async (lib, log) => {
  attempt('finished', () => lib.finished(source(lib), 'opts', () => log('called')));
  attempt('array', () => lib.finished(source(lib), [], () => log('called')));
  await turns();
});

scenario('not a stream: thrown', async (lib, log) => {
  for (const value of [42, null, {}, 'str', new EventEmitter()]) {
    attempt('finished', () => lib.finished(value, () => log('called')));
  }
  await turns();
});

scenario('bad signal: thrown', async (lib, log) => {
  attempt('finished', () => lib.finished(source(lib), { signal: {} }, () => log('called')));
});

// ---- promise form ----

scenario('promises.finished resolves after the end', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const p = lib.promises.finished(r);
  r.resume();
  await settle(log, 'finished', p);
});

scenario('promises.finished rejects on premature close', async (lib, log) => {
  const w = sink(lib, log);
  const p = lib.promises.finished(w);
  w.destroy();
  await settle(log, 'finished', p);
});

scenario('promises.finished { cleanup: true } removes its listeners', async (lib, log) => {
  const r = source(lib);
  const counts = () => ['end', 'error', 'close'].map((e) => r.listenerCount(e));
  const before = counts();
  const p = lib.promises.finished(r, { cleanup: true });
  r.resume();
  r.on('end', () => log('listeners at end', counts().map((n, i) => n - before[i])));
  await settle(log, 'finished', p);
  log('after', counts().map((n, i) => n - before[i]));
});

scenario('promises.finished without cleanup keeps its listeners', async (lib, log) => {
  const r = source(lib);
  const before = r.listenerCount('close');
  await settle(log, 'finished', lib.promises.finished(r.resume()));
  log('close listeners kept', r.listenerCount('close') - before);
});

scenario('promises.finished bad arguments', async (lib, log) => {
  try {
    await settle(log, 'cleanup not boolean', lib.promises.finished(source(lib), { cleanup: 'yes' }));
  } catch (err) {
    log('cleanup not boolean threw', err);
  }
  await settle(log, 'not a stream', lib.promises.finished(42));
  await settle(log, 'null options', lib.promises.finished(source(lib, []).resume(), null));
  await settle(log, 'signal aborted', lib.promises.finished(source(lib), { signal: AbortSignal.abort() }));
});

// ---- legacy streams ----

/** An emitter-based stream with write and pipe, and no state objects. */
function legacy(props = {}) {
  const s = new EventEmitter();
  s.write = () => true;
  s.pipe = () => {};
  return Object.assign(s, props);
}

scenario('legacy stream: finish', async (lib, log) => {
  const s = legacy();
  eos(lib, log, s);
  s.emit('end');
  log('end emitted');
  s.emit('finish');
  await turns();
});

scenario('legacy stream: no longer writable, then end', async (lib, log) => {
  const s = legacy({ writable: true });
  eos(lib, log, s);
  s.emit('end');
  log('still writable');
  s.writable = false;
  s.emit('end');
  await turns();
});

scenario('legacy stream: close while writable', async (lib, log) => {
  const s = legacy({ writable: true });
  eos(lib, log, s);
  s.emit('close');
  await turns();
});

scenario('legacy stream: error', async (lib, log) => {
  const s = legacy();
  eos(lib, log, s);
  s.emit('error', new Error('legacy failed'));
  await turns();
});

scenario('legacy stream with only pipe: end', async (lib, log) => {
  const s = new EventEmitter();
  s.pipe = () => {};
  eos(lib, log, s);
  s.emit('end');
  await turns();
});

scenario('legacy stream: { readable: false, writable: false } and close', async (lib, log) => {
  const s = legacy();
  eos(lib, log, s, { readable: false, writable: false });
  s.emit('close');
  await turns();
});

scenario('lib.Stream (the legacy base): end', async (lib, log) => {
  const s = new lib.Stream();
  eos(lib, log, s);
  s.emit('end');
  await turns();
});

scenario('lib.Stream piped into a Writable (the legacy pipe)', async (lib, log) => {
  const s = new lib.Stream();
  s.readable = true;
  s.pause = () => log('source paused');
  s.resume = () => log('source resumed');
  const w = watch(log, 'w', new lib.Writable({
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      log('write', String(chunk));
      setImmediate(cb);
    },
  }));
  w.on('pipe', (src) => log('pipe event', src === s));
  log('returns dest', s.pipe(w) === w);
  eos(lib, log, w);
  s.emit('data', 'one');
  s.emit('data', 'two');
  await turns();
  s.emit('end');
  await turns();
  log('listeners left', ['data', 'end', 'close', 'error'].map((e) => s.listenerCount(e)));
});

scenario('lib.Stream piped with { end: false }, then an unhandled source error', async (lib, log) => {
  const s = new lib.Stream();
  const w = watch(log, 'w', sink(lib, log));
  s.pipe(w, { end: false });
  s.emit('data', 'x');
  s.emit('end');
  await turns();
  log('writableEnded', w.writableEnded);
  s.pipe(w);
  attempt('emit error', () => s.emit('error', new Error('unhandled')));
  await turns();
});

// ---- finished called from inside each event ----

scenario('finished called from each event listener of a Readable', async (lib, log) => {
  const r = source(lib, ['a']);
  for (const event of ['data', 'end', 'close']) {
    r.once(event, () => eos(lib, log, r, undefined, `from ${event}`));
  }
  r.resume();
  await turns();
});

scenario('finished called from each event listener of a Writable', async (lib, log) => {
  const w = sink(lib, log);
  for (const event of ['prefinish', 'finish', 'close']) {
    w.once(event, () => eos(lib, log, w, undefined, `from ${event}`));
  }
  w.end('x');
  await turns();
});

scenario('finished called from error listeners', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', () => eos(lib, log, r, undefined, 'from readable error'));
  r.destroy(new Error('r failed'));
  const w = new lib.Writable({
    autoDestroy: false,
    write(c, e, cb) {
      cb(new Error('w failed'));
    },
  });
  w.on('error', () => eos(lib, log, w, undefined, 'from writable error (no autoDestroy)'));
  w.write('x');
  await turns();
});

scenario('finished called from the end listener of a Duplex', async (lib, log) => {
  const d = new lib.Duplex({
    read() {
      this.push(null);
    },
    write(c, e, cb) {
      cb();
    },
  });
  d.on('end', () => {
    eos(lib, log, d, undefined, 'from end');
    eos(lib, log, d, { writable: false }, 'from end, writable: false');
    d.end();
  });
  d.resume();
  await turns();
});

scenario('Writable with { writable: false }', async (lib, log) => {
  const w = sink(lib, log);
  eos(lib, log, w, { writable: false });
  w.end('x');
  await turns();
});

scenario('finished during _construct, destroyed with an error', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({
    construct(cb) {
      setImmediate(cb);
    },
    read() {},
  }));
  eos(lib, log, r);
  r.destroy(new Error('while constructing'));
  await turns();
});

scenario('finished on a Writable ended with a write pending (autoDestroy)', async (lib, log) => {
  let release;
  const w = watch(log, 'w', new lib.Writable({
    write(c, e, cb) {
      release = cb;
    },
  }));
  w.end('x');
  eos(lib, log, w, { readable: false });
  eos(lib, log, w);
  await turns();
  release();
  await turns();
});
