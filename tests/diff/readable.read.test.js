// push / unshift / read(n) in paused mode: what read returns and when _read is called.

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

/** A paused Readable whose _read only logs its size argument. */
function quiet(lib, log, options = {}) {
  return new lib.Readable({
    ...options,
    read(size) {
      log('_read', size);
    },
  });
}

scenario('read() on an empty stream returns null and calls _read(highWaterMark)', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 8 });
  attempt('read()', () => r.read());
  await immediate();
  attempt('read() again', () => r.read());
  await immediate();
});

scenario('read() without a size returns the first buffered chunk', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  attempt('push abc', () => r.push('abc'));
  attempt('push def', () => r.push(Buffer.from('def')));
  attempt('push ghi', () => r.push(new Uint8Array([0x67, 0x68, 0x69])));
  state('buffered', r);
  attempt('read()', () => r.read());
  state('after one read', r);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  state('drained', r);
  await immediate();
});

scenario('read() without a size after push(null)', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push('abc');
  r.push('def');
  r.push(null);
  attempt('read()', () => r.read());
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('read(n) returns exactly n bytes when enough are buffered', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('abcdef');
  r.push('ghij');
  attempt('read(2)', () => r.read(2));
  attempt('read(5) across chunks', () => r.read(5));
  attempt('read(3) rest', () => r.read(3));
  attempt('read(1) empty', () => r.read(1));
  state('after', r);
  await immediate();
});

scenario('read(n) with fewer than n buffered returns null before end', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('abc');
  attempt('read(10)', () => r.read(10));
  state('after', r);
  await immediate();
  attempt('read(10) again', () => r.read(10));
});

scenario('read(n) with fewer than n buffered returns the rest after end', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  record(r);
  r.push('abc');
  r.push(null);
  attempt('read(10)', () => r.read(10));
  state('after', r);
  attempt('read(10) again', () => r.read(10));
  await immediate();
  state('settled', r);
});

scenario('read(n) larger than highWaterMark raises it to the next power of two', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 4 });
  r.push('ab');
  attempt('read(9)', () => r.read(9));
  log('hwm', r.readableHighWaterMark);
  attempt('read(1000)', () => r.read(1000));
  log('hwm', r.readableHighWaterMark);
  attempt('read(16)', () => r.read(16));
  log('hwm', r.readableHighWaterMark);
  await immediate();
});

scenario('read(n) above 1GiB throws ERR_OUT_OF_RANGE', async (lib, log) => {
  const r = quiet(lib, log);
  attempt('read(2**30 + 1)', () => r.read(2 ** 30 + 1));
  attempt('read(2**30)', () => r.read(2 ** 30));
  log('hwm', r.readableHighWaterMark);
  await immediate();
});

scenario('read(0) calls _read when below highWaterMark and returns null', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 4 });
  attempt('read(0) empty', () => r.read(0));
  await immediate();
  r.push('ab');
  attempt('read(0) below hwm', () => r.read(0));
  await immediate();
  state('after', r);
});

scenario('read(0) does not call _read at or above highWaterMark', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 4 });
  r.push('abcdef');
  attempt('read(0)', () => r.read(0));
  await immediate();
  attempt('read(2)', () => r.read(2));
  attempt('read(0) now at hwm', () => r.read(0));
  attempt('read(1)', () => r.read(1));
  attempt('read(0) now below hwm', () => r.read(0));
  await immediate();
});

scenario('read(0) after push(null) with empty buffer emits end', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push(null);
  state('ended', r);
  attempt('read(0)', () => r.read(0));
  await immediate();
  state('after', r);
});

scenario('read() with a numeric string size parses it', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('abcdef');
  attempt("read('2')", () => r.read('2'));
  attempt('read(2.7)', () => r.read(2.7));
  attempt('read(-1)', () => r.read(-1));
  attempt('read(NaN)', () => r.read(NaN));
  await immediate();
});

scenario('object mode read() and read(n) return one object', async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true });
  r.push({ a: 1 });
  r.push('str');
  r.push([1, 2]);
  r.push(42);
  state('buffered', r);
  attempt('read()', () => r.read());
  attempt('read(5)', () => r.read(5));
  attempt('read(0)', () => r.read(0));
  attempt('read(1)', () => r.read(1));
  attempt('read()', () => r.read());
  attempt('read() empty', () => r.read());
  await immediate();
});

scenario('object mode pushes falsy values and undefined as objects', async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true });
  record(r);
  for (const v of [0, false, '', undefined, NaN]) attempt('push', () => r.push(v));
  log('length', r.readableLength);
  r.push(null);
  for (let i = 0; i < 6; i++) attempt('read()', () => r.read());
  await immediate();
});

scenario('object mode push returns false once highWaterMark objects are buffered', async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true, highWaterMark: 2 });
  attempt('push 1', () => r.push(1));
  attempt('push 2', () => r.push(2));
  attempt('push 3', () => r.push(3));
  state('buffered', r);
  await immediate();
});

scenario('push returns false when the buffer reaches highWaterMark', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 5 });
  attempt('push 3', () => r.push('abc'));
  attempt('push 2', () => r.push('de'));
  attempt('push 1', () => r.push('f'));
  log('length', r.readableLength);
  await immediate();
});

scenario('highWaterMark 0: push returns false and read(0) still calls _read', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 0 });
  attempt('read(0)', () => r.read(0));
  await immediate();
  attempt('push', () => r.push('a'));
  attempt('read()', () => r.read());
  await immediate();
});

scenario('_read is not called again until the previous one pushed', async (lib, log) => {
  let pending = 0;
  const r = new lib.Readable({
    highWaterMark: 4,
    read(size) {
      pending++;
      log('_read', size, pending);
    },
  });
  attempt('read() 1', () => r.read());
  attempt('read() 2', () => r.read());
  await immediate();
  attempt('read() 3', () => r.read());
  attempt('push', () => r.push('ab'));
  await immediate();
  attempt('read() 4', () => r.read());
  await immediate();
});

scenario('_read pushing synchronously fills up to highWaterMark', async (lib, log) => {
  let i = 0;
  const r = new lib.Readable({
    highWaterMark: 6,
    read(size) {
      log('_read', size, r.readableLength);
      i++;
      if (i <= 5) log('push returned', this.push(`c${i}`));
      else this.push(null);
    },
  });
  record(r);
  attempt('read()', () => r.read());
  await immediate();
  state('filled', r);
  attempt('read(3)', () => r.read(3));
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario('_read pushing on the next tick', async (lib, log) => {
  let i = 0;
  const r = new lib.Readable({
    highWaterMark: 4,
    read(size) {
      log('_read', size);
      process.nextTick(() => {
        i++;
        log('push', i, this.push(i <= 3 ? `x${i}` : null));
      });
    },
  });
  record(r, ['readable', 'end', 'close']);
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario('push(null) emits end only after the data is consumed', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push('abc');
  r.push(null);
  await immediate();
  state('not consumed', r);
  attempt('read(1)', () => r.read(1));
  await immediate();
  state('partly consumed', r);
  attempt('read()', () => r.read());
  state('consumed', r);
  await tick();
  state('one tick', r);
  await immediate();
  state('settled', r);
});

scenario('push(null) twice is harmless', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  attempt('push(null)', () => r.push(null));
  attempt('push(null) again', () => r.push(null));
  r.resume();
  await immediate();
});

scenario('unshift puts a chunk in front of the buffer', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('cd');
  attempt('unshift ab', () => r.unshift('ab'));
  attempt('unshift buffer', () => r.unshift(Buffer.from('01')));
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('unshift into empty', () => r.unshift('zz'));
  attempt('read(1)', () => r.read(1));
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift after a partial read restores order', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('hello world');
  const head = r.read(6);
  log('head', head);
  attempt('unshift', () => r.unshift(head.subarray(3)));
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift in object mode', async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true, highWaterMark: 2 });
  r.push('b');
  attempt('unshift a', () => r.unshift('a'));
  attempt('unshift obj', () => r.unshift({ z: 1 }));
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift after push(null) but before end is allowed', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push('b');
  r.push(null);
  attempt('unshift', () => r.unshift('a'));
  attempt('read()', () => r.read());
  await immediate();
});

scenario('unshift(null) ends the stream', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push('a');
  attempt('unshift(null)', () => r.unshift(null));
  state('after', r);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('push(string, encoding) stores the decoded bytes', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('616263', 'hex');
  r.push('ZGVm', 'base64');
  r.push('\u00e9', 'latin1');
  r.push('\u00e9');
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  await immediate();
});

scenario('read() returns Buffers in Node', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 100 });
  r.push('ab');
  r.push(new Uint8Array([1, 2]));
  const chunk = r.read();
  log('isBuffer', Buffer.isBuffer(chunk), chunk);
  r.push(new Uint8Array([3]));
  const single = r.read();
  log('isBuffer single', Buffer.isBuffer(single), single);
  await immediate();
});

scenario('object mode returns the pushed object itself', async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true });
  const obj = { a: 1 };
  const buf = Buffer.from('x');
  r.push(obj);
  r.push(buf);
  log('same object', r.read() === obj);
  log('same buffer', r.read() === buf);
  await immediate();
});

scenario("'readable' fires once per burst of pushes and again after draining", async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 4 });
  r.on('readable', () => log('readable', r.readableLength));
  await immediate();
  r.push('a');
  r.push('b');
  await immediate();
  r.push('c');
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  r.push('d');
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario("'readable' handler reading in a loop until null", async (lib, log) => {
  let i = 0;
  const r = new lib.Readable({
    highWaterMark: 4,
    read(size) {
      log('_read', size);
      i++;
      this.push(i <= 3 ? `p${i}` : null);
    },
  });
  record(r);
  r.on('readable', () => {
    log('readable');
    let chunk;
    while ((chunk = r.read()) !== null) log('chunk', chunk);
  });
  await immediate();
});

scenario("'readable' fires before 'end' when push(null) arrives", async (lib, log) => {
  const r = quiet(lib, log);
  record(r, ['readable', 'end', 'close']);
  r.push('x');
  r.push(null);
  await immediate();
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('read() after end returns null', async (lib, log) => {
  const r = quiet(lib, log);
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  attempt('read()', () => r.read());
  attempt('read(0)', () => r.read(0));
  attempt('read(5)', () => r.read(5));
  await immediate();
});

scenario('empty string and empty buffer pushes add nothing', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 4 });
  record(r, ['readable', 'end']);
  attempt("push ''", () => r.push(''));
  attempt('push empty buffer', () => r.push(Buffer.alloc(0)));
  attempt('push empty Uint8Array', () => r.push(new Uint8Array(0)));
  state('after', r);
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario('empty push from inside _read lets _read be called again', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    highWaterMark: 4,
    read(size) {
      n++;
      log('_read', size, n);
      if (n < 3) this.push('');
      else if (n === 3) this.push('data');
      else this.push(null);
    },
  });
  record(r, ['readable', 'end']);
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario("object mode pushes '' as an object", async (lib, log) => {
  const r = quiet(lib, log, { objectMode: true });
  attempt("push ''", () => r.push(''));
  attempt('push empty buffer', () => r.push(Buffer.alloc(0)));
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  attempt('read()', () => r.read());
  await immediate();
});

scenario('readableDidRead turns true on the first read or data', async (lib, log) => {
  const a = quiet(lib, log);
  log('a before', a.readableDidRead);
  a.read(0);
  log('a after read(0)', a.readableDidRead);
  a.read();
  log('a after read()', a.readableDidRead);
  const b = quiet(lib, log);
  b.push('x');
  log('b pushed', b.readableDidRead);
  b.on('data', (d) => log('b data', d, b.readableDidRead));
  await immediate();
  log('b after', b.readableDidRead);
});

scenario('buffered data past highWaterMark stops _read calls', async (lib, log) => {
  const r = new lib.Readable({
    highWaterMark: 3,
    read(size) {
      log('_read', size, this.readableLength);
      this.push('xx');
    },
  });
  attempt('read(0)', () => r.read(0));
  await immediate();
  log('length', r.readableLength);
  attempt('read(1)', () => r.read(1));
  await immediate();
  log('length', r.readableLength);
});

scenario('maybeReadMore keeps calling _read after data in paused mode', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    highWaterMark: 10,
    read(size) {
      n++;
      log('_read', size, n);
      if (n <= 4) process.nextTick(() => this.push('ab'));
    },
  });
  r.push('z');
  await immediate();
  await immediate();
  log('length', r.readableLength);
});

scenario('a big chunk is returned whole by read()', async (lib, log) => {
  const r = quiet(lib, log, { highWaterMark: 2 });
  attempt('push', () => r.push('abcdefgh'));
  attempt('read()', () => r.read());
  await immediate();
});
