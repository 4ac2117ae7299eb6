// readable.wrap(stream) against node:stream's: old-style streams (an EventEmitter with only
// pause/resume, or none), modern streams, backpressure, end, errors, close and destroy.

import { EventEmitter } from 'node:events';
import * as nodeStream from 'node:stream';
import { scenario, record, tick } from './harness.js';
import { turns, ended } from './web.helpers.js';

const events = ['pause', 'resume', 'end', 'error', 'close'];

/** An old-style stream: an emitter whose pause/resume are logged. */
function oldStream(log, { pausable = true } = {}) {
  const old = new EventEmitter();
  if (pausable) {
    old.pause = () => log('old pause');
    old.resume = () => log('old resume');
  }
  return old;
}

scenario('wrap of an old stream: data and end, read through events', async (lib, log) => {
  const old = oldStream(log);
  const r = new lib.Readable().wrap(old);
  record(r, events);
  r.on('data', (c) => log('data', String(c)));
  old.emit('data', 'a');
  old.emit('data', Buffer.from('b'));
  await tick();
  old.emit('data', 'c');
  old.emit('end');
  await turns();
  ended(log, 'wrapper', r);
});

scenario('wrap: each chunk past the highWaterMark pauses the old stream', async (lib, log) => {
  const old = oldStream(log);
  const r = new lib.Readable({ highWaterMark: 2 }).wrap(old);
  for (const c of ['ab', 'cd', 'ef']) {
    old.emit('data', c);
    log('length', r.readableLength);
  }
  await turns();
  log('read', String(r.read()));
  await turns();
  old.emit('data', 'gh');
  old.emit('end');
  log('read', String(r.read()));
  await turns();
  log('read', r.read());
  await turns();
  ended(log, 'wrapper', r);
});

scenario('wrap: reading the buffer empty resumes the old stream it paused, once', async (lib, log) => {
  const old = oldStream(log);
  const r = new lib.Readable({ highWaterMark: 2 }).wrap(old);
  r.read(0);
  await turns();
  old.emit('data', 'ab');
  log('read', String(r.read()));
  await turns();
  log('read', r.read());
  await turns();
  old.emit('data', 'c');
  old.emit('end');
  log('read', String(r.read()));
  await turns();
  ended(log, 'wrapper', r);
});

scenario('wrap of an old stream without pause/resume: the data is buffered past the highWaterMark', async (lib, log) => {
  const old = oldStream(log, { pausable: false });
  const r = new lib.Readable({ highWaterMark: 1, objectMode: true }).wrap(old);
  for (let i = 0; i < 4; i++) old.emit('data', { i });
  old.emit('end');
  log('length', r.readableLength);
  const got = [];
  for await (const c of r) got.push(c);
  log('got', got);
});

scenario("wrap: the old stream's 'error' destroys the wrapper with it", async (lib, log) => {
  const old = oldStream(log);
  const r = new lib.Readable().wrap(old);
  record(r, events);
  old.emit('data', 'x');
  old.emit('error', Object.assign(new Error('old broke'), { code: 'E_OLD' }));
  await turns();
  ended(log, 'wrapper', r);
});

scenario("wrap with autoDestroy off: 'error' is emitted, the wrapper stays", async (lib, log) => {
  const old = oldStream(log);
  const r = new lib.Readable({ autoDestroy: false }).wrap(old);
  record(r, events);
  old.emit('error', new Error('once'));
  await turns();
  ended(log, 'wrapper', r);
});

scenario("wrap: 'close' and 'destroy' of the old stream destroy the wrapper, buffered data or not", async (lib, log) => {
  for (const event of ['close', 'destroy']) {
    const old = oldStream(log);
    const r = new lib.Readable().wrap(old);
    record(r, events, event);
    old.emit('data', 'kept?');
    old.emit(event);
    await turns();
    log(event, r.readableLength, r.destroyed);
  }
});

scenario('wrap: destroying the wrapper leaves the old stream alone', async (lib, log) => {
  const old = oldStream(log);
  old.destroy = () => log('old destroy');
  const r = new lib.Readable().wrap(old);
  record(r, events);
  r.destroy(new Error('mine'));
  await turns();
  old.emit('data', 'after');
  await turns();
  ended(log, 'wrapper', r);
});

scenario("wrap binds the old stream's functions the wrapper lacks, and returns the wrapper", async (lib, log) => {
  const old = oldStream(log);
  old.custom = function () { return this === old; };
  old.destroy = () => log('old destroy');
  old.value = 5;
  const r = new lib.Readable();
  log('returns itself', r.wrap(old) === r);
  log('custom', typeof r.custom, r.custom?.());
  log('value', r.value);
  log('own pause kept', r.pause === lib.Readable.prototype.pause);
  log('destroy kept', r.destroy === lib.Readable.prototype.destroy);
});

scenario('wrap of a node:stream Readable ends after its data; its close then destroys the wrapper', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  const r = new lib.Readable().wrap(source);
  record(r, events);
  source.push('abc');
  source.push(null);
  await turns();
  log('wrapper', r.readableLength, r.destroyed, r.readableEnded);
});

scenario('wrap of a node:stream PassThrough with backpressure: everything arrives in order', async (lib, log) => {
  const source = new nodeStream.PassThrough({ highWaterMark: 2 });
  const r = new lib.Readable({ highWaterMark: 3 }).wrap(source);
  record(r, ['end', 'close']);
  for (let i = 0; i < 8; i++) log('write', source.write(`${i}`));
  source.end();
  let text = '';
  r.on('data', (c) => (text += c));
  await turns(6);
  log('text', text);
  ended(log, 'wrapper', r);
});

scenario('wrap(undefined) throws a TypeError', async (lib, log) => {
  const r = new lib.Readable();
  try {
    r.wrap(undefined);
    log('returned');
  } catch (err) {
    log('threw', err.name);
  }
});
