// pipeline and finished across libraries. The foreign stages are always node:stream's (`ns`),
// in both runs: `lib`'s pipeline over a mix of `lib` and node:stream streams in every position
// (with backpressure), node:stream's own pipeline over `lib`'s streams, and each library's
// finished on the other library's streams.

import * as ns from 'node:stream';
import { scenario, tick } from './harness.js';
import { watch, source, sink, upper, fates, turns, settle } from './pipeline.helpers.js';

function callback(log) {
  return (err, value) => log('callback', err ?? null, value);
}

/** A Readable (of `lib`) that logs each read() and pushes `count` chunks. */
function counted(lib, log, name, count, options = {}) {
  let n = 0;
  return new lib.Readable({
    read() {
      n++;
      log(name, 'read', n);
      this.push(n <= count ? `${name}${n}` : null);
    },
    ...options,
  });
}

/** A Writable (of `lib`) that logs each chunk and calls back on the next setImmediate. */
function slow(lib, log, name, options = {}) {
  return new lib.Writable({
    write(chunk, encoding, cb) {
      log(name, 'write', String(chunk));
      setImmediate(cb);
    },
    ...options,
  });
}

// ---- lib.pipeline over mixed stages ----

scenario('lib.pipeline: node:stream source, lib Transform, lib Writable', async (lib, log) => {
  const r = watch(log, 'r', source(ns));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('lib.pipeline: lib source, node:stream Transform, lib Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(ns));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('lib.pipeline: lib source, lib Transform, node:stream Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(ns, log));
  const ret = lib.pipeline(r, t, w, callback(log));
  log('returned the node:stream Writable', ret === w);
  await turns();
  fates(log, { r, t, w });
});

scenario('lib.pipeline: alternating libraries over four stages', async (lib, log) => {
  const r = watch(log, 'r', source(ns));
  const a = watch(log, 'a', new lib.PassThrough());
  const b = watch(log, 'b', upper(ns));
  const w = watch(log, 'w', sink(lib, log));
  await settle(log, 'pipeline', lib.promises.pipeline(r, a, b, w));
  fates(log, { r, a, b, w });
});

scenario('lib.pipeline: node:stream Duplex in the middle', async (lib, log) => {
  const d = watch(log, 'd', new ns.Duplex({
    write(chunk, encoding, cb) {
      this.push(`<${chunk}>`);
      cb();
    },
    final(cb) {
      this.push(null);
      cb();
    },
    read() {},
  }));
  lib.pipeline(source(lib), d, sink(lib, log), callback(log));
  await turns();
});

scenario('lib.pipeline: node:stream source into an async generator and an async function', async (lib, log) => {
  await settle(log, 'pipeline', lib.promises.pipeline(source(ns), async function* (s) {
    for await (const c of s) yield String(c).toUpperCase();
  }, async (s) => {
    const all = [];
    for await (const c of s) all.push(c);
    return all.join('');
  }));
});

scenario('backpressure: node:stream source -> slow lib Writable', async (lib, log) => {
  const r = counted(ns, log, 'r', 6, { highWaterMark: 2 });
  const w = slow(lib, log, 'w', { highWaterMark: 1 });
  lib.pipeline(r, w, callback(log));
  await turns(20);
});

scenario('backpressure: lib source -> node:stream PassThrough -> slow lib Writable', async (lib, log) => {
  const r = counted(lib, log, 'r', 6, { highWaterMark: 1 });
  const p = new ns.PassThrough({ highWaterMark: 1 });
  const w = slow(lib, log, 'w', { highWaterMark: 1 });
  lib.pipeline(r, p, w, callback(log));
  await turns(25);
});

scenario('backpressure: lib source -> slow node:stream Writable', async (lib, log) => {
  const r = counted(lib, log, 'r', 6, { highWaterMark: 2 });
  const w = slow(ns, log, 'w', { highWaterMark: 1 });
  lib.pipeline(r, w, callback(log));
  await turns(20);
});

scenario('error in a node:stream middle stage destroys the lib stages', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', new ns.Transform({
    transform(chunk, encoding, cb) {
      cb(String(chunk) === 'b' ? new Error('ns transform failed') : null, chunk);
    },
  }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('error in a lib stage destroys the node:stream stages', async (lib, log) => {
  const r = watch(log, 'r', source(ns));
  const t = watch(log, 't', new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(new Error('lib transform failed'));
    },
  }));
  const w = watch(log, 'w', sink(ns, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('premature close of a node:stream middle stage', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const t = watch(log, 't', new ns.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  r.push('x');
  await tick();
  t.destroy();
  await turns();
  fates(log, { r, t, w });
});

scenario('signal aborts a mixed pipeline', async (lib, log) => {
  const r = watch(log, 'r', new ns.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  const ac = new AbortController();
  const p = lib.promises.pipeline(r, w, { signal: ac.signal });
  r.push('one');
  await turns(1);
  ac.abort(new Error('stop'));
  try {
    await p;
  } catch (err) {
    log('rejected', err, err.cause);
  }
  await turns();
  fates(log, { r, w });
});

scenario('{ end: false } into a node:stream Writable', async (lib, log) => {
  const w = watch(log, 'w', sink(ns, log));
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib), w, { end: false }));
  log('writableEnded', w.writableEnded);
});

// ---- node:stream's pipeline over lib streams ----

scenario('ns.pipeline over lib Readable, Transform, Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(lib, log));
  ns.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('ns.pipeline over lib streams: a transform error', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(new Error('failed'));
    },
  }));
  const w = watch(log, 'w', sink(lib, log));
  ns.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('ns.pipeline over lib streams: premature close of the destination', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  ns.pipeline(r, w, callback(log));
  w.destroy();
  await turns();
  fates(log, { r, w });
});

scenario('ns.pipeline over lib streams with backpressure', async (lib, log) => {
  const r = counted(lib, log, 'r', 6, { highWaterMark: 2 });
  const p = new lib.PassThrough({ highWaterMark: 1 });
  const w = slow(lib, log, 'w', { highWaterMark: 1 });
  ns.pipeline(r, p, w, callback(log));
  await turns(25);
});

scenario('ns.promises.pipeline over lib streams, aborted', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const t = watch(log, 't', new lib.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  const ac = new AbortController();
  const p = ns.promises.pipeline(r, t, w, { signal: ac.signal });
  r.push('a');
  await turns(1);
  ac.abort();
  await settle(log, 'pipeline', p);
  await turns();
  fates(log, { r, t, w });
});

scenario('ns.pipeline: lib source into an async function', async (lib, log) => {
  await settle(log, 'pipeline', ns.promises.pipeline(source(lib), async (s) => {
    let text = '';
    for await (const c of s) text += c;
    return text;
  }));
});

// ---- finished across libraries ----

/** Calls `finish` (a finished function) on `stream` and logs [label, err or null]. */
function watchEnd(log, finish, stream, label, options) {
  const cb = (err) => log(label, err ?? null);
  if (options) finish(stream, options, cb);
  else finish(stream, cb);
}

scenario('finished of both libraries on a lib Readable read to its end', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  watchEnd(log, ns.finished, r, 'ns.finished');
  watchEnd(log, lib.finished, r, 'lib.finished');
  r.resume();
  await turns();
});

scenario('finished of both libraries on a node:stream Readable read to its end', async (lib, log) => {
  const r = watch(log, 'r', source(ns));
  watchEnd(log, lib.finished, r, 'lib.finished');
  r.resume();
  await turns();
});

scenario('finished on the other library\'s Writable: finish, and immediately once closed', async (lib, log) => {
  const mine = watch(log, 'mine', sink(lib, log, 'mine sink'));
  const theirs = watch(log, 'theirs', sink(ns, log, 'theirs sink'));
  watchEnd(log, ns.finished, mine, 'ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns)');
  mine.end('m');
  theirs.end('t');
  await turns();
  watchEnd(log, ns.finished, mine, 'closed ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'closed lib.finished(ns)');
  log('sync');
  await turns();
});

scenario('finished on the other library\'s streams: premature close', async (lib, log) => {
  const mine = new lib.PassThrough();
  const theirs = new ns.PassThrough();
  watchEnd(log, ns.finished, mine, 'ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns)');
  mine.destroy();
  theirs.destroy();
  await turns();
  watchEnd(log, ns.finished, mine, 'closed ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'closed lib.finished(ns)');
  await turns();
});

scenario('finished on the other library\'s streams: errors', async (lib, log) => {
  const mine = new lib.Writable({ write(c, e, cb) { cb(new Error('lib write')); } });
  const theirs = new ns.Writable({ write(c, e, cb) { cb(new Error('ns write')); } });
  watchEnd(log, ns.finished, mine, 'ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns)');
  mine.write('x');
  theirs.write('x');
  await turns();
  watchEnd(log, ns.finished, mine, 'errored ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'errored lib.finished(ns)');
  await turns();
});

scenario('finished on the other library\'s Duplex: one side at a time', async (lib, log) => {
  const make = (L) => new L.Duplex({
    read() {
      this.push(null);
    },
    write(c, e, cb) {
      cb();
    },
  });
  const mine = make(lib);
  const theirs = make(ns);
  watchEnd(log, ns.finished, mine, 'ns.finished(lib) writable: false', { writable: false });
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns) writable: false', { writable: false });
  watchEnd(log, ns.finished, mine, 'ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns)');
  mine.resume();
  theirs.resume();
  await turns();
  log('ending');
  mine.end();
  theirs.end();
  await turns();
});

scenario('finished on the other library\'s Readable: autoDestroy false, ended', async (lib, log) => {
  const mine = source(lib, [], { autoDestroy: false });
  const theirs = source(ns, [], { autoDestroy: false });
  mine.resume();
  theirs.resume();
  await turns();
  watchEnd(log, ns.finished, mine, 'ns.finished(lib)');
  watchEnd(log, lib.finished, theirs, 'lib.finished(ns)');
  log('sync');
  await turns();
});

scenario('promises.finished of each library on the other\'s stream', async (lib, log) => {
  const mine = source(lib);
  const theirs = source(ns);
  const p1 = ns.promises.finished(mine);
  const p2 = lib.promises.finished(theirs, { cleanup: true });
  mine.resume();
  theirs.destroy(new Error('theirs failed'));
  await settle(log, 'ns on lib', p1);
  await settle(log, 'lib on ns', p2);
});
