// Writable.end() in all its argument shapes, _final, and the order of 'prefinish', 'finish' and 'close'.

import { scenario, record, attempt, wstate, tick, immediate } from './harness.js';

const lifeEvents = ['prefinish', 'finish', 'close', 'error'];

/** A Writable whose _write logs the chunk and its encoding and calls back at once. */
function logging(lib, log, options = {}) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, cb) {
      log('_write', chunk, encoding);
      cb();
    },
  });
}

scenario('end() without arguments', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  attempt('end returns the stream', () => w.end() === w);
  wstate('sync', w);
  await tick();
  wstate('one tick', w);
  await immediate();
  wstate('settled', w);
});

scenario('end(chunk)', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end('last');
  wstate('sync', w);
  await immediate();
});

scenario('end(chunk, encoding)', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end('6869', 'hex');
  await immediate();
});

scenario('end(chunk, encoding, cb)', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end('aGk=', 'base64', (...args) => log('end cb', ...args));
  await immediate();
});

scenario('end(chunk, cb)', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end('x', (...args) => log('end cb', ...args));
  await immediate();
});

scenario('end(cb)', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end((...args) => log('end cb', ...args));
  log('after end');
  await immediate();
});

scenario('end(null) ends without writing', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end(null);
  await immediate();
});

scenario('end(undefined, cb) ends without writing', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end(undefined, () => log('end cb'));
  await immediate();
});

scenario('end(object) in object mode', async (lib, log) => {
  const w = logging(lib, log, { objectMode: true });
  record(w, lifeEvents);
  w.end({ last: true });
  await immediate();
});

scenario('end() waits for pending tick-deferred writes', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      process.nextTick(() => {
        log('calling back', chunk);
        cb();
      });
    },
  });
  record(w, lifeEvents);
  w.write('a', () => log('cb a'));
  w.write('b', () => log('cb b'));
  w.end('c', () => log('end cb'));
  wstate('after end', w);
  await immediate();
  wstate('settled', w);
});

scenario('_final runs before prefinish and finish', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      cb();
    },
    final(cb) {
      log('_final', typeof cb);
      wstate('in _final', this);
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a');
  w.end();
  log('after end');
  await tick();
  log('one tick');
  await immediate();
});

scenario('_final calling back on a later tick', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      log('_final');
      process.nextTick(() => {
        log('final calls back');
        cb();
      });
    },
  });
  record(w, lifeEvents);
  w.end(() => log('end cb'));
  await immediate();
});

scenario('_final calling back from a timer', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      log('_final');
      setTimeout(() => {
        wstate('before final cb', this);
        cb();
      }, 1);
    },
  });
  record(w, lifeEvents);
  w.end('z');
  await new Promise((resolve) => setTimeout(resolve, 20));
  wstate('settled', w);
});

scenario('_final is not called before pending writes finish', async (lib, log) => {
  let pending;
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      pending = cb;
    },
    final(cb) {
      log('_final');
      cb();
    },
  });
  record(w, lifeEvents);
  w.write('a');
  w.end();
  await immediate();
  log('calling back the write');
  pending();
  await immediate();
});

scenario('prefinish without _final is emitted before finish', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end('a');
  log('after end');
  await tick();
  log('one tick');
  await immediate();
});

scenario('getters inside prefinish, finish and close', async (lib, log) => {
  const w = logging(lib, () => {});
  for (const event of ['prefinish', 'finish', 'close']) w.on(event, () => wstate(`in ${event}`, w));
  w.end('a');
  await immediate();
});

scenario('end() twice before finish: second callback runs on finish', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      process.nextTick(cb);
    },
  });
  record(w, lifeEvents);
  w.write('a');
  attempt('end 1', () => w.end(() => log('end cb 1')) === w);
  attempt('end 2', () => w.end((...args) => log('end cb 2', ...args)) === w);
  await immediate();
});

scenario('end(chunk) after end() errors with write after end', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end();
  attempt('end with chunk', () => w.end('more', (...args) => log('end cb', ...args)) === w);
  await immediate();
  wstate('settled', w);
});

scenario('end(cb) after finish gets ERR_STREAM_ALREADY_FINISHED', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end();
  await immediate();
  attempt('end again', () => w.end((...args) => log('end cb', ...args)) === w);
  log('after end');
  await tick();
  log('one tick');
  await immediate();
});

scenario('end() without callback after finish is silent', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.end();
  await immediate();
  attempt('end again', () => w.end() === w);
  await immediate();
});

scenario('end cb receives the error when the stream errors before finish', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      process.nextTick(cb, new Error('write failed'));
    },
  });
  record(w, lifeEvents);
  w.write('a', (...args) => log('write cb', ...args));
  w.end((...args) => log('end cb', ...args));
  await immediate();
  wstate('settled', w);
});

scenario('end() while corked flushes the corked writes', async (lib, log) => {
  const w = logging(lib, log);
  record(w, lifeEvents);
  w.cork();
  w.cork();
  w.write('a');
  w.write('b');
  wstate('corked', w);
  w.end('c');
  wstate('after end', w);
  await immediate();
});

scenario('finish is emitted before close and close after a tick', async (lib, log) => {
  const w = logging(lib, () => {});
  record(w, lifeEvents);
  w.on('finish', () => process.nextTick(() => log('tick after finish')));
  w.end();
  await immediate();
});

scenario('end callback order relative to finish with a listener added later', async (lib, log) => {
  const w = logging(lib, () => {});
  w.end(() => log('end cb'));
  w.on('finish', () => log('finish listener'));
  await immediate();
});

scenario('writableEnded is true right after end and writableFinished after finish', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      setTimeout(cb, 1);
    },
  });
  w.write('a');
  w.end();
  log('ended', w.writableEnded, 'finished', w.writableFinished, 'writable', w.writable);
  await new Promise((resolve) => w.on('finish', resolve));
  log('ended', w.writableEnded, 'finished', w.writableFinished, 'writable', w.writable);
});

scenario('end with _writev defined and buffered writes', async (lib, log) => {
  const w = new lib.Writable({
    write(chunk, encoding, cb) {
      log('_write', chunk);
      process.nextTick(cb);
    },
    writev(chunks, cb) {
      log('_writev', chunks.map((c) => [c.chunk, c.encoding]));
      process.nextTick(cb);
    },
  });
  record(w, lifeEvents);
  w.write('a');
  w.write('b');
  w.end('c');
  await immediate();
});
