// A destination that asked the source to wait ('drain' owed) and then goes away. Node 26's
// cleanup always releases the wait (nodejs/node#53185 dropped the `needDrain` guard), but the
// unpipe has paused the source first and the pipe's 'data' listener is gone, so the source only
// flows on when something else listens to 'data'; otherwise it stays paused and never ends.

import { scenario, record, state, immediate } from './harness.js';

function source(lib, log, count = 6) {
  let n = 0;
  return new lib.Readable({
    highWaterMark: 2,
    read() {
      n++;
      log('_read', n);
      this.push(n <= count ? 'x'.repeat(2) : null);
    },
  });
}

scenario('destination returned false, then is destroyed: the source stays paused', async (lib, log) => {
  const src = source(lib, log);
  const dest = new lib.Writable({ highWaterMark: 1, write(c, e, cb) { log('_write', String(c)); } });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(dest, ['unpipe', 'close', 'error'], 'dest');
  src.pipe(dest);
  await immediate();
  state('waiting', src);
  log('awaitDrain', src._readableState.awaitDrainWriters === dest, dest.writableNeedDrain);
  dest.destroy();
  await immediate();
  await immediate();
  state('after destroy', src);
  log('paused', src.isPaused(), src._readableState.flowing, src._readableState.awaitDrainWriters);
});

scenario('destination returned false, then is unpiped by hand: the source is released', async (lib, log) => {
  const src = source(lib, log);
  const dest = new lib.Writable({ highWaterMark: 1, write(c, e, cb) { log('_write', String(c)); } });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(dest, ['unpipe', 'close'], 'dest');
  src.pipe(dest);
  await immediate();
  src.unpipe(dest);
  await immediate();
  state('after unpipe', src);
  log('awaitDrain', src._readableState.awaitDrainWriters);
  src.on('data', (d) => log('data', String(d)));
  await immediate();
});

scenario('two destinations, one destroyed while both wait: the source stays paused', async (lib, log) => {
  const src = source(lib, log);
  const a = new lib.Writable({ highWaterMark: 1, write(c, e, cb) { log('a _write', String(c)); } });
  const b = new lib.Writable({ highWaterMark: 1, write(c, e, cb) { log('b _write', String(c)); setImmediate(cb); } });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(a, ['unpipe', 'close'], 'a');
  record(b, ['unpipe', 'close', 'finish'], 'b');
  src.pipe(a);
  src.pipe(b);
  await immediate();
  a.destroy();
  for (let i = 0; i < 6; i++) await immediate();
  state('after', src);
});

scenario('destination destroyed while not waiting for a drain: the source goes on', async (lib, log) => {
  const src = source(lib, log, 3);
  const dest = new lib.Writable({ write(c, e, cb) { log('_write', String(c)); cb(); } });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(dest, ['unpipe', 'close'], 'dest');
  src.pipe(dest);
  dest.destroy();
  for (let i = 0; i < 4; i++) await immediate();
  state('after', src);
});

scenario('write() into a destroyed destination returns false, another data listener: the source flows to its end', async (lib, log) => {
  const src = source(lib, log);
  const dest = new lib.Writable({ write(c, e, cb) { log('_write', String(c)); cb(); } });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(dest, ['unpipe', 'close', 'error'], 'dest');
  src.pipe(dest);
  src.on('data', (d) => {
    log('data', String(d));
    if (!dest.destroyed) dest.destroy();
  });
  for (let i = 0; i < 4; i++) await immediate();
  state('after', src);
  log('awaitDrain', src._readableState.awaitDrainWriters === dest, src.isPaused());
});

scenario('destination destroyed inside its own _write: the source stays paused', async (lib, log) => {
  const src = source(lib, log);
  const dest = new lib.Writable({
    write(c, e, cb) {
      log('_write', String(c));
      this.destroy();
      cb();
    },
  });
  record(src, ['pause', 'resume', 'end', 'close'], 'src');
  record(dest, ['unpipe', 'close', 'error'], 'dest');
  src.pipe(dest);
  for (let i = 0; i < 4; i++) await immediate();
  state('after', src);
  log('paused', src.isPaused(), src.readableFlowing);
});
