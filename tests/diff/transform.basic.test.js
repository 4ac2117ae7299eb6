// Transform and PassThrough: _transform with callback(err, data) and push, _flush, and the
// order of 'prefinish', 'finish', 'end' and 'close'.

import { scenario, record, attempt, state, wstate, tick, immediate } from './harness.js';

const events = ['data', 'end', 'prefinish', 'finish', 'close', 'error'];

/** Logs both sides' getters. */
function both(label, t) {
  state(`${label} readable`, t);
  wstate(`${label} writable`, t);
}

scenario('new Transform() getters of both sides', async (lib, log) => {
  const t = new lib.Transform();
  both('new', t);
  log('allowHalfOpen', t.allowHalfOpen);
});

scenario('new PassThrough() getters of both sides', async (lib, log) => {
  const t = new lib.PassThrough();
  both('new', t);
});

scenario('_transform receives chunk, encoding and callback', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      log('_transform', chunk, encoding, typeof cb, this === t);
      cb();
    },
  });
  t.write('abc');
  t.write(Buffer.from('d'));
  await immediate();
});

scenario('callback(null, data) pushes the data', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk.toString().toUpperCase());
    },
  });
  record(t, events);
  t.write('abc', () => log('write cb'));
  t.end('def');
  await immediate();
});

scenario('this.push then callback()', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      attempt('push', () => this.push(chunk));
      cb();
    },
  });
  record(t, events);
  t.end('x');
  await immediate();
});

scenario('several pushes per chunk', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      for (const byte of chunk) this.push(String.fromCharCode(byte));
      cb();
    },
  });
  record(t, events);
  t.write('abc');
  t.end();
  await immediate();
});

scenario('push and callback data together', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      this.push('pushed ');
      cb(null, 'called back');
    },
  });
  record(t, events);
  t.end('x');
  await immediate();
});

scenario('a transform that drops every chunk', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb();
    },
  });
  record(t, events);
  t.write('a');
  t.end('b');
  await immediate();
  both('settled', t);
});

scenario('callback(null, null) and callback(null, undefined) push nothing', async (lib, log) => {
  let n = 0;
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      n++;
      if (n === 1) cb(null, null);
      else cb(null, undefined);
    },
  });
  record(t, events);
  t.write('a');
  t.write('b');
  await immediate();
  both('after writes', t);
  t.end();
  await immediate();
});

scenario('callback(null, empty string)', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, '');
    },
  });
  record(t, events);
  t.end('a');
  await immediate();
});

scenario('asynchronous _transform callback', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      process.nextTick(cb, null, chunk);
    },
  });
  record(t, events);
  t.write('a', () => log('cb a'));
  t.write('b', () => log('cb b'));
  t.end(() => log('end cb'));
  await immediate();
});

scenario('_transform called back from a timer', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      setTimeout(() => cb(null, chunk), 1);
    },
  });
  record(t, events);
  t.write('a');
  t.end('b');
  await new Promise((resolve) => setTimeout(resolve, 20));
  both('settled', t);
});

scenario('_flush pushes data before end', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      log('_flush', typeof cb, this === t);
      this.push('tail');
      cb();
    },
  });
  record(t, events);
  t.end('body');
  await immediate();
});

scenario('_flush with callback(null, data)', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb();
    },
    flush(cb) {
      cb(null, 'flushed');
    },
  });
  record(t, events);
  t.end('x');
  await immediate();
});

scenario('_flush calling back later', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      log('_flush');
      process.nextTick(() => {
        log('flush calls back');
        cb(null, 'late');
      });
    },
  });
  record(t, events);
  t.end('x', () => log('end cb'));
  await immediate();
});

scenario('final runs before flush; order of finish, end and close', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      cb(null, chunk);
    },
    final(cb) {
      log('_final');
      cb();
    },
    flush(cb) {
      log('_flush');
      cb();
    },
  });
  record(t, events);
  t.write('a');
  t.end();
  log('after end');
  await tick();
  log('one tick');
  await immediate();
  both('settled', t);
});

scenario('finish waits for flush but end waits for the data to be read', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      log('_flush');
      cb(null, 'tail');
    },
  });
  record(t, ['end', 'prefinish', 'finish', 'close']);
  t.end('body');
  await immediate();
  both('unread', t);
  log('read', t.read());
  await immediate();
  log('read', t.read());
  await immediate();
  both('settled', t);
});

scenario('_flush defined by a subclass', async (lib, log) => {
  class Upper extends lib.Transform {
    _transform(chunk, encoding, cb) {
      cb(null, chunk.toString().toUpperCase());
    }
    _flush(cb) {
      this.push('!');
      cb();
    }
  }
  const t = new Upper();
  record(t, events);
  t.write('hi');
  t.end();
  await immediate();
});

scenario('Transform with setEncoding on the readable side', async (lib, log) => {
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, chunk);
    },
  });
  t.setEncoding('hex');
  record(t, events);
  t.end('AB');
  await immediate();
});

scenario('Transform decodeStrings false passes strings to _transform', async (lib, log) => {
  const t = new lib.Transform({
    decodeStrings: false,
    transform(chunk, encoding, cb) {
      log('_transform', chunk, encoding);
      cb(null, chunk);
    },
  });
  record(t, events);
  t.write('6869', 'hex');
  t.end();
  await immediate();
});

scenario('PassThrough passes chunks unchanged', async (lib, log) => {
  const t = new lib.PassThrough();
  record(t, events);
  t.write('text');
  t.write(Buffer.from([0, 1, 2]));
  t.write('6869', 'hex');
  t.end(new Uint8Array([255]));
  await immediate();
  both('settled', t);
});

scenario('PassThrough in object mode passes objects unchanged', async (lib, log) => {
  const t = new lib.PassThrough({ objectMode: true });
  record(t, events);
  t.write({ a: 1 });
  t.write('s');
  t.write(0);
  t.end([1, 2]);
  await immediate();
});

scenario('PassThrough read() in paused mode', async (lib, log) => {
  const t = new lib.PassThrough();
  record(t, ['readable', 'end', 'finish', 'close']);
  t.write('ab');
  t.write('cd');
  await immediate();
  log('read', t.read());
  t.end();
  await immediate();
  log('read after end', t.read());
  await immediate();
});

scenario('PassThrough pipe into a Writable', async (lib, log) => {
  const src = new lib.PassThrough();
  const dst = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    },
  });
  record(dst, ['pipe', 'finish', 'close'], 'dst');
  record(src, ['end', 'close'], 'src');
  src.pipe(dst);
  src.write('a');
  src.end('b');
  await immediate();
});

scenario('Readable piped through a Transform', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  const t = new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(null, `<${chunk}>`);
    },
  });
  record(t, events);
  src.pipe(t);
  src.push('a');
  src.push('b');
  src.push(null);
  await immediate();
});

scenario('Transform with construct delays _transform', async (lib, log) => {
  let done;
  const t = new lib.Transform({
    construct(cb) {
      done = cb;
    },
    transform(chunk, encoding, cb) {
      log('_transform', chunk);
      cb(null, chunk);
    },
  });
  record(t, events);
  t.write('a');
  await immediate();
  log('calling construct back');
  done();
  await immediate();
  t.end();
  await immediate();
});
