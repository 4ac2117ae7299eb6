// The EventEmitter API on Readable streams: once, prependListener, off, listenerCount, ...

import { scenario, record, attempt, immediate } from './harness.js';

scenario('on/addListener/once return the stream', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const f = () => {};
  log('on', r.on('end', f) === r);
  log('addListener', r.addListener('end', f) === r);
  log('once', r.once('end', f) === r);
  log('prependListener', r.prependListener('end', f) === r);
  log('prependOnceListener', r.prependOnceListener('end', f) === r);
  log('off', r.off('end', f) === r);
  log('removeListener', r.removeListener('end', f) === r);
  log('removeAllListeners', r.removeAllListeners('end') === r);
  log('setMaxListeners', r.setMaxListeners(3) === r, r.getMaxListeners());
  await immediate();
});

scenario('prependListener runs before existing listeners', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('first added', d));
  r.prependListener('data', (d) => log('prepended', d));
  r.prependOnceListener('data', (d) => log('prepended once', d));
  r.push('a');
  r.push('b');
  await immediate();
});

scenario("prependListener('data') does not start flowing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.prependListener('data', (d) => log('data', d));
  log('flowing', r.readableFlowing);
  r.push('a');
  await immediate();
});

scenario("prependListener('readable') does not stop flowing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  r.prependListener('readable', () => log('readable'));
  log('flowing', r.readableFlowing);
  r.push('a');
  await immediate();
  log('length', r.readableLength);
});

scenario("once('end') and once('close') fire once", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.once('end', () => log('once end'));
  r.once('close', () => log('once close'));
  log('counts', r.listenerCount('end'), r.listenerCount('close'));
  r.push(null);
  r.resume();
  await immediate();
  log('counts after', r.listenerCount('end'), r.listenerCount('close'));
});

scenario("off('data') removes only that listener", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const a = (d) => log('a', d);
  const b = (d) => log('b', d);
  r.on('data', a);
  r.on('data', b);
  r.push('1');
  await immediate();
  r.off('data', a);
  log('count', r.listenerCount('data'));
  r.push('2');
  await immediate();
});

scenario('listenerCount reflects user listeners only', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  for (const event of ['data', 'readable', 'end', 'error', 'close', 'pause', 'resume']) {
    log(event, r.listenerCount(event));
  }
  r.on('data', () => {});
  r.on('readable', () => {});
  r.on('error', () => {});
  log('after', r.listenerCount('data'), r.listenerCount('readable'), r.listenerCount('error'));
  await immediate();
});

scenario('eventNames after adding listeners', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  log('initial', r.eventNames());
  r.on('end', () => {});
  r.on('data', () => {});
  log('after', r.eventNames());
  r.removeAllListeners();
  log('removed all', r.eventNames());
  await immediate();
});

scenario('removeAllListeners() with no argument', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  r.on('end', () => log('end'));
  r.push('a');
  await immediate();
  r.removeAllListeners();
  log('flowing', r.readableFlowing);
  r.push('b');
  r.push(null);
  await immediate();
  log('length', r.readableLength, 'ended', r.readableEnded);
});

scenario("removeAllListeners('data') keeps flowing", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  await immediate();
  r.removeAllListeners('data');
  log('flowing', r.readableFlowing);
  r.push('x');
  await immediate();
  log('length', r.readableLength);
});

scenario("'newListener' and 'removeListener' events", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('newListener', (event) => log('newListener', event));
  r.on('removeListener', (event) => log('removeListener', event));
  const f = () => {};
  r.on('data', f);
  r.off('data', f);
  r.once('end', f);
  r.removeAllListeners('end');
  r.push(null);
  await immediate();
});

scenario('listeners() and rawListeners()', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const f = () => {};
  r.on('end', f);
  r.once('end', f);
  log('listeners', r.listeners('end').length, r.listeners('end')[0] === f, r.listeners('end')[1] === f);
  log('rawListeners', r.rawListeners('end').length, r.rawListeners('end')[1] === f);
  await immediate();
});

scenario("'error' without a listener throws from destroy's tick", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.destroy(new Error('unheard'));
  log('after destroy');
  await immediate();
  log('after tick');
});

scenario("once('error') catches one error", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.once('error', (e) => log('once error', e));
  r.destroy(new Error('one'));
  await immediate();
  log('count', r.listenerCount('error'));
});

scenario("an 'error' listener removed before the error fires", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const f = (e) => log('error', e);
  r.on('error', f);
  r.destroy(new Error('late'));
  r.off('error', f);
  await immediate();
});

scenario('emit returns whether listeners ran', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  log('no listener', r.emit('custom', 1));
  r.on('custom', (...args) => log('custom', ...args));
  log('with listener', r.emit('custom', 1, 'two'));
  await immediate();
});

scenario("'data' emitted by hand reaches listeners without changing state", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('data', (d) => log('data', d));
  r.pause();
  r.emit('data', 'fake');
  log('length', r.readableLength, 'didRead', r.readableDidRead);
  await immediate();
});

scenario("'end' listener added after 'end' is not called", async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r);
  r.push(null);
  r.resume();
  await immediate();
  r.on('end', () => log('late end listener'));
  await immediate();
});

scenario('listener order across once and on for end', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('end', () => log('on 1'));
  r.once('end', () => log('once 2'));
  r.prependListener('end', () => log('prepend 0'));
  r.on('end', () => log('on 3'));
  r.push(null);
  r.resume();
  await immediate();
  attempt('listenerCount', () => r.listenerCount('end'));
});
