// Async iteration: for await, break/return/throw, stream errors, iterator({ destroyOnReturn }).

import { scenario, record, attempt, state, tick, immediate } from './harness.js';

/** A Readable that pushes the chunks one per _read call (on the next tick), then null. */
function ticking(lib, log, chunks, options = {}) {
  let i = 0;
  return new lib.Readable({
    ...options,
    read(size) {
      log('_read', size);
      process.nextTick(() => this.push(i < chunks.length ? chunks[i++] : null));
    },
  });
}

scenario('for await collects byte chunks', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'bb', 'ccc']);
  record(r);
  for await (const chunk of r) log('chunk', chunk);
  log('loop done');
  state('after', r);
});

scenario('for await over synchronously buffered chunks', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push('b');
  r.push(null);
  for await (const chunk of r) log('chunk', chunk);
  log('loop done');
});

scenario('for await collects objects', async (lib, log) => {
  const r = ticking(lib, log, [{ a: 1 }, 0, 'x'], { objectMode: true });
  record(r);
  for await (const chunk of r) log('chunk', chunk);
  log('loop done');
});

scenario('state sampled inside the loop', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b'], { highWaterMark: 2 });
  for await (const chunk of r) {
    log('chunk', chunk);
    state('in loop', r);
  }
  state('after', r);
});

scenario('break destroys the stream', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b', 'c']);
  record(r);
  for await (const chunk of r) {
    log('chunk', chunk);
    break;
  }
  log('after break');
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('return inside the loop destroys the stream', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  const first = await (async () => {
    for await (const chunk of r) return chunk;
    return undefined;
  })();
  log('returned', first);
  await immediate();
  state('settled', r);
});

scenario('throw inside the loop destroys the stream and rethrows', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  try {
    for await (const chunk of r) {
      log('chunk', chunk);
      throw new Error('loop body threw');
    }
  } catch (e) {
    log('caught', e);
  }
  state('sync', r);
  await immediate();
  state('settled', r);
});

scenario('a stream error rejects the loop', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    read() {
      n++;
      if (n === 1) this.push('ok');
      else process.nextTick(() => this.destroy(new Error('source failed')));
    },
  });
  record(r);
  try {
    for await (const chunk of r) log('chunk', chunk);
    log('loop done');
  } catch (e) {
    log('caught', e);
  }
  await immediate();
  state('settled', r);
});

scenario('an error with buffered chunks rejects before yielding them', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push('b');
  r.destroy(new Error('early'));
  try {
    for await (const chunk of r) log('chunk', chunk);
    log('loop done');
  } catch (e) {
    log('caught', e);
  }
});

scenario('destroy() without error during iteration rejects with premature close', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  setImmediate(() => r.destroy());
  try {
    for await (const chunk of r) log('chunk', chunk);
    log('loop done');
  } catch (e) {
    log('caught', e);
  }
});

scenario('iterating an already destroyed stream', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.destroy();
  await immediate();
  try {
    for await (const chunk of r) log('chunk', chunk);
    log('loop done');
  } catch (e) {
    log('caught', e);
  }
});

scenario('iterating an already errored stream', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', () => log('error event'));
  r.destroy(new Error('errored first'));
  await immediate();
  try {
    for await (const chunk of r) log('chunk', chunk);
    log('loop done');
  } catch (e) {
    log('caught', e);
  }
});

scenario('iterating an already ended stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  r.push(null);
  r.resume();
  await immediate();
  for await (const chunk of r) log('chunk', chunk);
  log('loop done');
});

scenario('iterator({ destroyOnReturn: false }): break leaves the stream usable', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b', 'c']);
  record(r);
  for await (const chunk of r.iterator({ destroyOnReturn: false })) {
    log('chunk', chunk);
    break;
  }
  await immediate();
  state('after break', r);
  for await (const chunk of r) log('second loop', chunk);
  log('second loop done');
});

scenario('iterator({ destroyOnReturn: false }): throw in loop does not destroy', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  try {
    for await (const chunk of r.iterator({ destroyOnReturn: false })) {
      log('chunk', chunk);
      throw new Error('body');
    }
  } catch (e) {
    log('caught', e);
  }
  await immediate();
  state('settled', r);
});

scenario('iterator() defaults to destroyOnReturn true', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  for await (const chunk of r.iterator()) {
    log('chunk', chunk);
    break;
  }
  await immediate();
  state('settled', r);
});

scenario('iterator() option validation', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  attempt('iterator(1)', () => typeof r.iterator(1));
  attempt('destroyOnReturn 1', () => typeof r.iterator({ destroyOnReturn: 1 }));
  await immediate();
});

scenario('manual next() calls', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  const it = r[Symbol.asyncIterator]();
  log('same iterator object', it[Symbol.asyncIterator]() === it);
  log('next', await it.next());
  log('next', await it.next());
  log('next', await it.next());
  log('next after done', await it.next());
  state('after', r);
});

scenario('concurrent next() calls', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  const it = r[Symbol.asyncIterator]();
  const results = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
  log('results', results);
});

scenario('manual return() destroys and completes', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  const it = r[Symbol.asyncIterator]();
  log('next', await it.next());
  log('return', await it.return());
  log('next after return', await it.next());
  await immediate();
  state('settled', r);
});

scenario('manual throw() on the iterator', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b']);
  record(r);
  const it = r[Symbol.asyncIterator]();
  log('next', await it.next());
  try {
    log('throw', await it.throw(new Error('thrown in')));
  } catch (e) {
    log('throw rejected', e);
  }
  await immediate();
  state('settled', r);
});

scenario('return() before any next()', async (lib, log) => {
  const r = ticking(lib, log, ['a']);
  record(r);
  const it = r[Symbol.asyncIterator]();
  log('return', await it.return());
  await immediate();
  state('settled', r);
});

scenario('iteration with autoDestroy false and a stream error', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  record(r);
  r.push('a');
  setImmediate(() => r.push(1));
  try {
    for await (const chunk of r) log('chunk', chunk);
  } catch (e) {
    log('caught', e);
  }
  await immediate();
  state('settled', r);
});

scenario('break with autoDestroy false still destroys', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b'], { autoDestroy: false });
  record(r);
  for await (const chunk of r) {
    log('chunk', chunk);
    break;
  }
  await immediate();
  state('settled', r);
});

scenario('iteration makes readableFlowing false', async (lib, log) => {
  const r = ticking(lib, log, ['a']);
  log('before', r.readableFlowing);
  const it = r[Symbol.asyncIterator]();
  log('iterator created', r.readableFlowing);
  const p = it.next();
  log('next called', r.readableFlowing);
  log('first', await p);
  log('after first', r.readableFlowing);
  await it.return();
});

scenario('interleaving of _read and loop body', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b', 'c'], { highWaterMark: 1 });
  for await (const chunk of r) {
    log('body start', chunk);
    await immediate();
    log('body end', chunk);
  }
  log('loop done');
});

scenario('an error while the loop body awaits', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push('a');
  r.push('b');
  try {
    for await (const chunk of r) {
      log('chunk', chunk);
      r.destroy(new Error('mid-body'));
      await immediate();
    }
  } catch (e) {
    log('caught', e);
  }
});

scenario('async iteration of a hex-decoding stream', async (lib, log) => {
  const r = new lib.Readable({ read() {}, encoding: 'hex' });
  r.push(Buffer.from([1, 2]));
  r.push(Buffer.from([3]));
  r.push(null);
  const chunks = [];
  for await (const c of r) chunks.push(c);
  log('chunks', chunks);
});

scenario('two iterators on one stream', async (lib, log) => {
  const r = ticking(lib, log, ['a', 'b', 'c']);
  const it1 = r[Symbol.asyncIterator]();
  const it2 = r[Symbol.asyncIterator]();
  log('it1', await it1.next());
  log('it2', await it2.next());
  log('it1', await it1.next());
  await it1.return();
  await tick();
  try {
    log('it2', await it2.next());
  } catch (e) {
    log('it2 rejected', e);
  }
});
