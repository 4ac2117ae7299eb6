// Readable.toWeb and Readable.fromWeb against Node's own adapters: the chunks that cross,
// how the end, an error, a cancel and a destroy travel from one side to the other.

import { scenario, record, attempt, immediate } from './harness.js';
import { readAll, settle, turns, chunk, ended } from './web.helpers.js';

const nodeEvents = ['end', 'error', 'close'];

// ---- Readable.toWeb ----

scenario('toWeb of an ending Readable: byte chunks, then done', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push(Buffer.from('ab'));
  r.push('cd');
  r.push(new Uint8Array([1, 2, 3]));
  r.push(null);
  const reader = lib.Readable.toWeb(r).getReader();
  await readAll(log, reader);
  await settle(log, 'closed', reader.closed);
  await turns();
  ended(log, 'node', r);
});

scenario('toWeb of an objectMode Readable delivers the values', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  for (const value of [1, 'two', { three: 3 }, [4], false]) r.push(value);
  r.push(null);
  await readAll(log, lib.Readable.toWeb(r).getReader());
});

scenario('toWeb of a Readable that pushes later, one chunk per _read', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    read() {
      setImmediate(() => this.push(n < 3 ? String(n++) : null));
    },
  });
  await readAll(log, lib.Readable.toWeb(r).getReader());
  await turns();
  ended(log, 'node', r);
});

scenario('toWeb of an objectMode Readable of strings delivers the strings', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  r.push('abc');
  r.push(null);
  await readAll(log, lib.Readable.toWeb(r).getReader());
});

scenario('toWeb of a Readable that errors after a chunk: the read after it rejects', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  const reader = lib.Readable.toWeb(r).getReader();
  r.push('a');
  const first = await reader.read();
  log('first', first.done, first.value);
  const second = reader.read();
  await immediate();
  r.destroy(new Error('boom'));
  await settle(log, 'second', second);
  await settle(log, 'closed', reader.closed);
  await turns();
  ended(log, 'node', r);
});

scenario('toWeb of a Readable that errors before reading: read rejects with the error', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const reader = lib.Readable.toWeb(r).getReader();
  r.destroy(Object.assign(new TypeError('bad'), { code: 'E_BAD' }));
  await readAll(log, reader);
  await settle(log, 'closed', reader.closed);
});

scenario('toWeb of an already destroyed Readable: reads reject with an AbortError caused by the premature close', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.destroy();
  await immediate();
  const reader = lib.Readable.toWeb(r).getReader();
  await readAll(log, reader);
  await reader.closed.catch((err) => log('closed rejected, cause', err.cause));
});

scenario('toWeb of a Readable destroyed with an error beforehand: reads reject with that error', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', () => {});
  r.destroy(new Error('earlier'));
  await immediate();
  const reader = lib.Readable.toWeb(r).getReader();
  await readAll(log, reader);
});

scenario('toWeb of an ended (fully read) Readable reads done at once', async (lib, log) => {
  const r = new lib.Readable({ read() {}, autoDestroy: false });
  r.push('x');
  r.push(null);
  r.resume();
  await turns();
  log('readableEnded', r.readableEnded, 'destroyed', r.destroyed);
  await readAll(log, lib.Readable.toWeb(r).getReader());
});

scenario('toWeb of a Readable whose push(null) is buffered still delivers its data', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('x');
  r.push(null);
  await turns();
  await readAll(log, lib.Readable.toWeb(r).getReader());
});

scenario('reader.cancel(reason) destroys the Node side with the reason', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  r.push('a');
  const reader = lib.Readable.toWeb(r).getReader();
  await settle(log, 'cancel', reader.cancel(new Error('stop')));
  await turns();
  ended(log, 'node', r);
  await settle(log, 'closed', reader.closed);
});

scenario('reader.cancel() without a reason destroys the Node side with an AbortError', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  const reader = lib.Readable.toWeb(r).getReader();
  await settle(log, 'cancel', reader.cancel());
  await turns();
  ended(log, 'node', r);
});

scenario('ReadableStream.cancel(reason) on the unlocked stream destroys the Node side', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  await settle(log, 'cancel', lib.Readable.toWeb(r).cancel('a string reason'));
  await turns();
  ended(log, 'node', r);
});

scenario('reader.cancel() while a read waits: the read gets done', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.on('error', () => {});
  const reader = lib.Readable.toWeb(r).getReader();
  const pending = reader.read();
  await immediate();
  await settle(log, 'cancel', reader.cancel());
  await settle(log, 'pending read', pending);
  await turns();
  ended(log, 'node', r);
});

scenario('reader.cancel() after the end leaves the Node side ended, not errored', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push(null);
  const reader = lib.Readable.toWeb(r).getReader();
  await readAll(log, reader);
  await turns();
  ended(log, 'node before cancel', r);
  record(r, nodeEvents);
  await settle(log, 'cancel', reader.cancel(new Error('late')));
  await turns();
  ended(log, 'node', r);
});

scenario('premature close: destroy() of the Node side without an error errors the reader with an AbortError', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const reader = lib.Readable.toWeb(r).getReader();
  r.push('a');
  const first = await reader.read();
  log('first', first.done, first.value);
  r.destroy();
  await readAll(log, reader);
  await reader.closed.catch((err) => log('closed rejected, cause', err.cause));
});

scenario('toWeb of a paused Readable still reads it', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push('b');
  r.push(null);
  r.pause();
  await readAll(log, lib.Readable.toWeb(r).getReader());
});

scenario('for await over the toWeb stream', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  r.push({ n: 1 });
  r.push({ n: 2 });
  r.push(null);
  for await (const value of lib.Readable.toWeb(r)) log('value', value);
  log('loop done');
});

scenario('breaking out of for await cancels: the Node side is destroyed', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  record(r, nodeEvents);
  r.push(1);
  r.push(2);
  for await (const value of lib.Readable.toWeb(r)) {
    log('value', value);
    break;
  }
  await turns();
  ended(log, 'node', r);
});

// ---- Readable.fromWeb ----

/** A ReadableStream that enqueues `chunks`, then closes (or errors with `error`). */
function source(chunks, error, log) {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      if (error) controller.error(error);
      else controller.close();
    },
    cancel(reason) {
      log?.('web cancel', reason);
    },
  });
}

scenario('fromWeb of a closing byte stream: Buffer chunks, then end and close', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([new Uint8Array([1, 2]), new Uint8Array([3])]));
  r.on('data', (c) => chunk(log, 'data', c));
  record(r, nodeEvents);
  await turns(5);
  ended(log, 'node', r);
});

scenario('fromWeb getters: objectMode, highWaterMark, encoding', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([]));
  log('default', r.readableObjectMode, r.readableHighWaterMark, r.readableEncoding);
  const o = lib.Readable.fromWeb(source([]), { objectMode: true, highWaterMark: 3 });
  log('objectMode', o.readableObjectMode, o.readableHighWaterMark, o.readableEncoding);
  const e = lib.Readable.fromWeb(source([]), { encoding: 'hex' });
  log('encoding', e.readableObjectMode, e.readableHighWaterMark, e.readableEncoding);
});

scenario('fromWeb with objectMode delivers the values', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([{ a: 1 }, 'b', 3, [4]]), { objectMode: true });
  r.on('data', (c) => log('data', c));
  record(r, nodeEvents);
  await turns(5);
});

scenario('fromWeb with an encoding delivers strings', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([new TextEncoder().encode('héllo'), new Uint8Array([0xff])]), {
    encoding: 'hex',
  });
  r.on('data', (c) => log('data', c));
  record(r, nodeEvents);
  await turns(5);
});

scenario('fromWeb of a string-chunk stream without objectMode', async (lib, log) => {
  const r = lib.Readable.fromWeb(source(['abc', 'de']));
  r.on('data', (c) => chunk(log, 'data', c));
  record(r, nodeEvents);
  await turns(5);
});

scenario('fromWeb of an erroring stream: error, then close', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([new Uint8Array([1])], new RangeError('web failed')));
  r.on('data', (c) => chunk(log, 'data', c));
  record(r, nodeEvents);
  await turns(5);
  ended(log, 'node', r);
});

scenario('fromWeb of a stream that errors later, after data was read', async (lib, log) => {
  let controller;
  const web = new ReadableStream({ start(c) { controller = c; } });
  const r = lib.Readable.fromWeb(web);
  r.on('data', (c) => chunk(log, 'data', c));
  record(r, nodeEvents);
  controller.enqueue(new Uint8Array([7]));
  await turns();
  controller.error(new Error('later'));
  await turns();
  ended(log, 'node', r);
});

scenario('fromWeb read() and readable events over a pulling source', async (lib, log) => {
  let n = 0;
  const web = new ReadableStream({
    pull(controller) {
      if (n < 3) controller.enqueue(new Uint8Array([n++]));
      else controller.close();
    },
  });
  const r = lib.Readable.fromWeb(web, { highWaterMark: 1 });
  const got = [];
  r.on('readable', () => {
    let c;
    while ((c = r.read()) !== null) got.push(c[0]);
  });
  await new Promise((resolve) => r.on('end', resolve));
  log('got', got.join(','));
});

scenario('Node side destroy() cancels the web reader', async (lib, log) => {
  let controller;
  const web = new ReadableStream({
    start(c) { controller = c; },
    cancel(reason) { log('web cancel', reason); },
  });
  const r = lib.Readable.fromWeb(web);
  record(r, nodeEvents);
  r.destroy();
  await turns();
  ended(log, 'node', r);
  attempt('enqueue after cancel', () => controller.enqueue(new Uint8Array([1])));
});

scenario('Node side destroy(err) cancels the web reader with the error', async (lib, log) => {
  const web = new ReadableStream({ cancel(reason) { log('web cancel', reason); } });
  const r = lib.Readable.fromWeb(web);
  record(r, nodeEvents);
  r.destroy(new Error('node side'));
  await turns();
  ended(log, 'node', r);
});

scenario('Node side destroy() after the web side closed does not cancel', async (lib, log) => {
  const r = lib.Readable.fromWeb(source([new Uint8Array([1])], undefined, log), { highWaterMark: 0 });
  record(r, nodeEvents);
  await turns();
  r.destroy(new Error('after close'));
  await turns();
  ended(log, 'node', r);
});

scenario('fromWeb of a locked stream throws ERR_INVALID_STATE', async (lib, log) => {
  const web = source([]);
  web.getReader();
  attempt('fromWeb', () => lib.Readable.fromWeb(web));
});

scenario('fromWeb locks the stream it reads', async (lib, log) => {
  const web = source([]);
  lib.Readable.fromWeb(web);
  log('locked', web.locked);
  attempt('fromWeb again', () => lib.Readable.fromWeb(web));
});

scenario('fromWeb with an aborted signal: AbortError and cancel', async (lib, log) => {
  const controller = new AbortController();
  const web = new ReadableStream({ cancel(reason) { log('web cancel', reason); } });
  const r = lib.Readable.fromWeb(web, { signal: controller.signal });
  record(r, nodeEvents);
  controller.abort();
  await turns();
  ended(log, 'node', r);
});

scenario('round trip: toWeb then fromWeb keeps bytes and end', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('hello ');
  r.push('world');
  r.push(null);
  const back = lib.Readable.fromWeb(lib.Readable.toWeb(r));
  back.setEncoding('utf8');
  back.on('data', (c) => log('data', c));
  record(back, nodeEvents);
  await new Promise((resolve) => back.on('close', resolve));
  await turns();
  ended(log, 'source', r);
});
