// Duplex.toWeb/fromWeb and Transform.toWeb/fromWeb against Node's own adapters (pairs used
// with pipeThrough), and tee() and pipeTo() on the output of Readable.toWeb.

import { scenario, record } from './harness.js';
import { readAll, settle, turns, chunk, ended } from './web.helpers.js';

const nodeEvents = ['end', 'finish', 'error', 'close'];

/** A Transform that upper-cases text. */
function upper(lib, options = {}) {
  return new lib.Transform({
    transform(c, encoding, callback) {
      callback(null, c.toString().toUpperCase());
    },
    ...options,
  });
}

/** A ReadableStream of the given chunks, closed after them. */
function webSource(chunks) {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

/** The text of a list of byte chunks. */
const text = (chunks) => Buffer.concat(chunks.map((c) => Buffer.from(c))).toString();

// ---- Duplex.toWeb / Transform.toWeb ----

scenario('Duplex.toWeb of a PassThrough: the writable side feeds the readable side', async (lib, log) => {
  const pass = new lib.PassThrough();
  // 'end' and 'finish' come in either order: Node's toWeb reads ahead, ours on demand.
  const seen = new Set();
  for (const event of nodeEvents) pass.on(event, () => seen.add(event));
  const { readable, writable } = lib.Duplex.toWeb(pass);
  log('kinds', readable instanceof ReadableStream, writable instanceof WritableStream);
  const writer = writable.getWriter();
  const reading = readAll(log, readable.getReader());
  await writer.write(new Uint8Array([1, 2]));
  await writer.write('ab');
  await settle(log, 'close', writer.close());
  await reading;
  await turns();
  log('events', [...seen].sort());
  ended(log, 'node', pass);
});

scenario('Transform.toWeb pair used with pipeThrough', async (lib, log) => {
  const t = upper(lib);
  const out = webSource([new TextEncoder().encode('abc'), new TextEncoder().encode('def')])
    .pipeThrough(lib.Transform.toWeb(t));
  const got = [];
  for await (const c of out) {
    log('is Uint8Array', c instanceof Uint8Array);
    got.push(c);
  }
  log('text', text(got));
  await turns();
  ended(log, 'node', t);
});

scenario('Transform.toWeb in objectMode through pipeThrough', async (lib, log) => {
  const t = new lib.Transform({
    objectMode: true,
    transform(value, encoding, callback) {
      callback(null, { doubled: value * 2 });
    },
  });
  const out = webSource([1, 2, 3]).pipeThrough(lib.Transform.toWeb(t));
  await readAll(log, out.getReader());
});

scenario('Transform.toWeb: a transform error errors the readable side and the pipe', async (lib, log) => {
  const t = upper(lib, {
    transform(c, encoding, callback) {
      callback(new Error('transform failed'));
    },
  });
  const pair = lib.Transform.toWeb(t);
  let canceled;
  const src = new ReadableStream({
    start(controller) { controller.enqueue(new Uint8Array([1])); },
    cancel(reason) { canceled = reason; },
  });
  await readAll(log, src.pipeThrough(pair).getReader());
  await turns();
  log('source canceled with', canceled);
  ended(log, 'node', t);
});

scenario('Duplex.toWeb: canceling the readable side destroys the Duplex', async (lib, log) => {
  const pass = new lib.PassThrough();
  record(pass, nodeEvents);
  const { readable } = lib.Duplex.toWeb(pass);
  await settle(log, 'cancel', readable.cancel(new Error('no more')));
  await turns();
  ended(log, 'node', pass);
});

// ---- Duplex.fromWeb / Transform.fromWeb ----

scenario('Duplex.fromWeb of a TransformStream: write, end, read', async (lib, log) => {
  const d = lib.Duplex.fromWeb(new TransformStream());
  record(d, nodeEvents);
  d.on('data', (c) => chunk(log, 'data', c));
  d.write('ab');
  d.end(new Uint8Array([0x63]));
  await new Promise((resolve) => d.on('close', resolve));
  ended(log, 'node', d);
});

scenario('Transform.fromWeb of an upper-casing TransformStream with encoding', async (lib, log) => {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const d = lib.Transform.fromWeb(new TransformStream({
    transform(c, controller) {
      controller.enqueue(encoder.encode(decoder.decode(c).toUpperCase()));
    },
  }), { encoding: 'utf8' });
  d.on('data', (c) => log('data', c));
  record(d, nodeEvents);
  d.end('hello');
  await new Promise((resolve) => d.on('close', resolve));
});

scenario('Duplex.fromWeb getters and options', async (lib, log) => {
  const d = lib.Duplex.fromWeb(new TransformStream(), { objectMode: true });
  log('objectMode', d.readableObjectMode, d.writableObjectMode);
  log('allowHalfOpen', d.allowHalfOpen);
  const e = lib.Duplex.fromWeb(new TransformStream(), { encoding: 'hex', allowHalfOpen: true });
  log('encoding', e.readableEncoding, e.allowHalfOpen);
});

scenario('Duplex.fromWeb in objectMode passes the values through', async (lib, log) => {
  const d = lib.Duplex.fromWeb(new TransformStream(), { objectMode: true });
  d.on('data', (value) => log('data', value));
  record(d, nodeEvents);
  d.write({ a: 1 });
  d.end(2);
  await new Promise((resolve) => d.on('close', resolve));
});

scenario('Duplex.fromWeb: destroy(err) cancels the readable and aborts the writable', async (lib, log) => {
  const readable = new ReadableStream({ cancel(reason) { log('web cancel', reason); } });
  const writable = new WritableStream({ abort(reason) { log('web abort', reason); } });
  const d = lib.Duplex.fromWeb({ readable, writable });
  record(d, nodeEvents);
  d.destroy(new Error('both'));
  await turns();
  ended(log, 'node', d);
});

scenario('Duplex.fromWeb: the readable side erroring destroys the Duplex', async (lib, log) => {
  const readable = new ReadableStream({ start(c) { c.error(new Error('read side')); } });
  // Node leaves the writable side alone here (not aborted); highwater aborts it.
  const writable = new WritableStream();
  const d = lib.Duplex.fromWeb({ readable, writable });
  record(d, nodeEvents);
  await turns();
  ended(log, 'node', d);
});

scenario('Duplex.fromWeb: the writable side erroring destroys the Duplex', async (lib, log) => {
  const readable = new ReadableStream({ cancel(reason) { log('web cancel', reason); } });
  const writable = new WritableStream({ write() { throw new Error('write side'); } });
  const d = lib.Duplex.fromWeb({ readable, writable });
  record(d, nodeEvents);
  d.write('x');
  await turns(5);
  ended(log, 'node', d);
});

// ---- tee and pipeTo on toWeb output ----

scenario('tee() of a toWeb stream: both branches read every chunk', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('ab');
  r.push('cd');
  r.push(null);
  const [left, right] = lib.Readable.toWeb(r).tee();
  await readAll(log, left.getReader(), 'left');
  await readAll(log, right.getReader(), 'right');
  await turns();
  ended(log, 'node', r);
});

scenario('tee() of an objectMode toWeb stream: both branches get the same objects', async (lib, log) => {
  const r = new lib.Readable({ objectMode: true, read() {} });
  const value = { shared: true };
  r.push(value);
  r.push(null);
  const [left, right] = lib.Readable.toWeb(r).tee();
  const a = await left.getReader().read();
  const b = await right.getReader().read();
  log('same object', a.value === value, b.value === value);
});

scenario('tee(): canceling both branches destroys the Node side', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  const [left, right] = lib.Readable.toWeb(r).tee();
  await Promise.all([left.cancel(new Error('left')), right.cancel(new Error('right'))]);
  await turns();
  ended(log, 'node', r);
});

scenario('pipeTo a collecting WritableStream', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push(Buffer.from([1]));
  r.push(Buffer.from([2, 3]));
  r.push(null);
  const got = [];
  const dest = new WritableStream({
    write(c) { got.push(c); },
    close() { log('dest close'); },
  });
  await settle(log, 'pipeTo', lib.Readable.toWeb(r).pipeTo(dest));
  for (const c of got) chunk(log, 'got', c);
  await turns();
  ended(log, 'node', r);
});

scenario('pipeTo: a Node-side error aborts the destination', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const dest = new WritableStream({
    write(c) { chunk(log, 'dest write', c); },
    abort(reason) { log('dest abort', reason); },
  });
  const piping = lib.Readable.toWeb(r).pipeTo(dest);
  r.push('a');
  await turns();
  r.destroy(new Error('source broke'));
  await settle(log, 'pipeTo', piping);
});

scenario('pipeTo: a destination error cancels the toWeb stream and destroys the Node side', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  r.push('a');
  const dest = new WritableStream({
    write() { throw new Error('dest broke'); },
  });
  await settle(log, 'pipeTo', lib.Readable.toWeb(r).pipeTo(dest));
  await turns();
  ended(log, 'node', r);
});

scenario('pipeTo with an aborted signal destroys the Node side', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  record(r, nodeEvents);
  const controller = new AbortController();
  const dest = new WritableStream({ abort(reason) { log('dest abort', reason); } });
  const piping = lib.Readable.toWeb(r).pipeTo(dest, { signal: controller.signal });
  controller.abort();
  await settle(log, 'pipeTo', piping);
  await turns();
  ended(log, 'node', r);
});

scenario('pipeTo from Readable.toWeb into Writable.toWeb', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('x');
  r.push('yz');
  r.push(null);
  const w = new lib.Writable({
    write(c, encoding, callback) {
      chunk(log, 'node write', c);
      callback();
    },
  });
  record(w, nodeEvents, 'w');
  await settle(log, 'pipeTo', lib.Readable.toWeb(r).pipeTo(lib.Writable.toWeb(w)));
  await turns();
  ended(log, 'r', r);
  ended(log, 'w', w);
});
