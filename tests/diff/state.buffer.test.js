// The buffers as Node 26 shows them: `_readableState.buffer` (an Array from `bufferIndex` on,
// taken entries null) and `readableBuffer`; `_writableState.buffered`, `bufferedIndex`,
// `getBuffer()`, `bufferedRequestCount` and `writableBuffer`. Also the `destroyed` setter.

import { scenario, record, attempt, state, immediate } from './harness.js';

/** Logs the readable buffer's shape and content. */
function rbuf(log, label, r) {
  const s = r._readableState;
  log(label, Array.isArray(s.buffer), s.buffer, s.bufferIndex, s.buffer.length, r.readableBuffer === s.buffer, r.readableLength);
}

/** Logs the writable buffer's shape and content. */
function wbuf(log, label, w) {
  const s = w._writableState;
  log(label, s.buffered, s.bufferedIndex, s.getBuffer(), s.bufferedRequestCount, w.writableBuffer, w.writableLength);
}

scenario('readable buffer through pushes, partial and whole reads', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  rbuf(log, 'empty', r);
  r.push('ab');
  r.push('cd');
  r.push('ef');
  rbuf(log, 'three', r);
  r.read(1);
  rbuf(log, 'read 1', r);
  r.read(1);
  rbuf(log, 'read 1 more', r);
  r.read(3);
  rbuf(log, 'read 3', r);
  r.read();
  rbuf(log, 'read all', r);
});

scenario('readable buffer in object mode and after setEncoding', async (lib, log) => {
  const r = new lib.Readable({ read() {}, objectMode: true });
  r.push({ a: 1 });
  r.push('s');
  r.push(2);
  rbuf(log, 'objects', r);
  r.read();
  rbuf(log, 'one read', r);
  log('stream-shift', r._readableState.buffer.length, r._readableState.buffer[r._readableState.bufferIndex]);
  const b = new lib.Readable({ read() {} });
  b.push('abc');
  b.push('def');
  b.setEncoding('utf8');
  rbuf(log, 'encoded', b);
  b.push(null);
  b.on('data', (d) => rbuf(log, 'in data', b));
  await immediate();
  rbuf(log, 'ended', b);
});

scenario('writable buffer with a write in flight and callbacks', async (lib, log) => {
  const done = [];
  const w = new lib.Writable({
    write(chunk, enc, cb) {
      done.push(cb);
    },
  });
  wbuf(log, 'empty', w);
  w.write('a');
  wbuf(log, 'in flight', w);
  w.write('b');
  w.write('c', () => log('c done'));
  wbuf(log, 'two buffered', w);
  done.shift()();
  wbuf(log, 'one written', w);
  await immediate();
  done.shift()();
  await immediate();
  wbuf(log, 'two written', w);
  done.shift()();
  await immediate();
  wbuf(log, 'all written', w);
});

scenario('writable buffer while corked, then writev, on a Duplex', async (lib, log) => {
  const d = new lib.Duplex({
    read() {},
    writev(chunks, cb) {
      log('writev', chunks.length);
      cb();
    },
    objectMode: true,
  });
  d.cork();
  d.write({ n: 1 });
  d.write({ n: 2 });
  wbuf(log, 'corked', d);
  d.uncork();
  wbuf(log, 'uncorked', d);
  await immediate();
  wbuf(log, 'after', d);
  d.destroy();
  await immediate();
  wbuf(log, 'destroyed', d);
});

scenario('writable buffer failed by destroy', async (lib, log) => {
  const w = new lib.Writable({ write(c, e, cb) {} });
  w.write('a');
  w.write('b', (err) => log('b cb', err));
  wbuf(log, 'before', w);
  w.destroy();
  wbuf(log, 'destroying', w);
  await immediate();
  wbuf(log, 'destroyed', w);
});

scenario('from2: destroyed = true kept by the stream stops its pushes', async (lib, log) => {
  let n = 0;
  class From extends lib.Readable {
    _read() {
      if (this.destroyed) {
        log('_read after destroy');
        return;
      }
      n++;
      setImmediate(() => this.push(n < 8 ? String(n) : null));
    }

    destroy(err) {
      if (this.destroyed) return;
      this.destroyed = true;
      log('destroyed set', this.destroyed, this._readableState.destroyed);
      process.nextTick(() => {
        if (err) this.emit('error', err);
        this.emit('close');
      });
    }
  }
  const r = new From();
  record(r, ['end', 'error', 'close']);
  r.on('data', (d) => {
    log('data', d);
    if (String(d) === '3') r.destroy();
  });
  for (let i = 0; i < 10; i++) await immediate();
  log('n', n, r.readableFlowing, r.readable);
  attempt('push after', () => r.push('x'));
  state('after', r);
});

scenario('destroyed setter on Readable, Writable and Duplex sets the state of each side', async (lib, log) => {
  const r = new lib.Readable({ read() { log('_read'); } });
  r.destroyed = true;
  log('r', r.destroyed, r._readableState.destroyed, r.readable);
  attempt('r push', () => r.push('a'));
  log('r read', r.read(), r.readableLength);
  r.destroyed = false;
  log('r reset', r.destroyed, r.readable);
  attempt('r push again', () => r.push('b'));
  log('r length', r.readableLength);
  const w = new lib.Writable({ write(c, e, cb) { log('_write', c); cb(); } });
  w.destroyed = 1;
  log('w', w.destroyed, w._writableState.destroyed, w.writable);
  attempt('w write', () => w.write('x', (err) => log('w cb', err)));
  w.destroyed = 0;
  attempt('w write again', () => w.write('y'));
  const d = new lib.Duplex({ read() {}, write(c, e, cb) { cb(); } });
  d.destroyed = true;
  log('d', d.destroyed, d._readableState.destroyed, d._writableState.destroyed);
  d._writableState.destroyed = false;
  log('d one side', d.destroyed, d.readable, d.writable);
  record(d, ['close', 'error']);
  d.destroy(new Error('x'));
  log('d after destroy()', d.destroyed);
  const t = new lib.PassThrough();
  t.destroyed = true;
  record(t, ['close', 'error']);
  attempt('t destroy', () => t.destroy(new Error('y')) === t);
  await immediate();
});
