// When stream events fire relative to the user's own process.nextTick, promise and
// setImmediate callbacks queued at the same moment.

import { scenario, record, immediate } from './harness.js';

/** Queues one callback of each kind; each logs its own name when it runs. */
function markers(log, label) {
  process.nextTick(() => log(label, 'nextTick'));
  Promise.resolve().then(() => log(label, 'promise'));
  queueMicrotask(() => log(label, 'queueMicrotask'));
  setImmediate(() => log(label, 'setImmediate'));
}

scenario("'data' listener start vs user callbacks", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  markers(log, 'before on');
  r.on('data', (d) => log('data', d));
  markers(log, 'after on');
  await immediate();
  await immediate();
});

scenario("'readable' emission vs user callbacks", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('readable', () => log('readable'));
  markers(log, 'before push');
  r.push('a');
  markers(log, 'after push');
  await immediate();
  await immediate();
});

scenario("'end' and 'close' vs user callbacks", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['end', 'close']);
  r.resume();
  await immediate();
  markers(log, 'before push(null)');
  r.push(null);
  markers(log, 'after push(null)');
  await immediate();
  await immediate();
});

scenario("destroy's 'error' and 'close' vs user callbacks", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, ['error', 'close']);
  markers(log, 'before destroy');
  r.destroy(new Error('x'));
  markers(log, 'after destroy');
  await immediate();
  await immediate();
});

scenario('_read call after read() vs user callbacks', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    read(size) {
      log('_read', size);
      n++;
      process.nextTick(() => this.push(n === 1 ? 'z' : null));
    },
  });
  r.on('readable', () => log('readable', r.read()));
  markers(log, 'sync');
  await immediate();
  await immediate();
});

scenario('_construct call vs user callbacks', async (lib, log) => {
  markers(log, 'before new');
  const r = new lib.Readable({
    construct(cb) {
      log('_construct');
      cb();
    },
    read() {
      log('_read');
      this.push(null);
    },
  });
  markers(log, 'after new');
  record(r, ['end', 'close']);
  r.resume();
  await immediate();
  await immediate();
});

scenario('signal abort vs user callbacks', async (lib, log) => {
  const ac = new AbortController();
  const r = new lib.Readable({ read() {}, signal: ac.signal });
  record(r, ['error', 'close']);
  markers(log, 'before abort');
  ac.abort();
  markers(log, 'after abort');
  await immediate();
  await immediate();
});

scenario('async iterator next() resolution vs user callbacks', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  const it = r[Symbol.asyncIterator]();
  markers(log, 'before next');
  it.next().then((res) => log('next resolved', res));
  markers(log, 'after next');
  await immediate();
  await immediate();
  await it.return();
});

scenario('Readable.from first chunk vs user callbacks', async (lib, log) => {
  const r = lib.Readable.from(['a', 'b']);
  markers(log, 'before on');
  r.on('data', (d) => log('data', d));
  await immediate();
  await immediate();
});
