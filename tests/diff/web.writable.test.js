// Writable.toWeb and Writable.fromWeb against Node's own adapters: what reaches the sink,
// and how close, abort, errors and destroy travel from one side to the other.

import { scenario, record, attempt, immediate } from './harness.js';
import { settle, turns, chunk, ended } from './web.helpers.js';

const nodeEvents = ['finish', 'error', 'close'];

/** A Node-style Writable that logs each chunk and calls back on the next setImmediate. */
function sink(lib, log, options = {}) {
  return new lib.Writable({
    write(c, encoding, callback) {
      chunk(log, 'node write', c);
      setImmediate(callback);
    },
    ...options,
  });
}

// ---- Writable.toWeb ----

scenario('toWeb: chunks written through the writer reach the Node side, close finishes it', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents);
  const writer = lib.Writable.toWeb(w).getWriter();
  // When a write's promise settles differs on purpose (README, deliberate differences).
  writer.write(new Uint8Array([1, 2]));
  writer.write('hi');
  writer.write(Buffer.from('ff', 'hex'));
  await settle(log, 'close', writer.close());
  await settle(log, 'closed', writer.closed);
  await turns();
  ended(log, 'node', w);
});

scenario('toWeb of an objectMode Writable passes the values', async (lib, log) => {
  const w = new lib.Writable({
    objectMode: true,
    write(value, encoding, callback) {
      log('node write', value);
      callback();
    },
  });
  const writer = lib.Writable.toWeb(w).getWriter();
  for (const value of [{ a: 1 }, 2, 'three', [4]]) await writer.write(value);
  await settle(log, 'close', writer.close());
});

scenario('toWeb: writes without awaiting each, then close', async (lib, log) => {
  const w = sink(lib, log, { highWaterMark: 2 });
  record(w, nodeEvents);
  const writer = lib.Writable.toWeb(w).getWriter();
  const writes = ['a', 'b', 'c', 'd', 'e'].map((s) => writer.write(s));
  await settle(log, 'close', writer.close());
  await settle(log, 'writes', Promise.all(writes));
  await turns();
  ended(log, 'node', w);
});

scenario('toWeb: writer.abort(reason) destroys the Node side with the reason', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents);
  const writer = lib.Writable.toWeb(w).getWriter();
  await writer.write('a');
  await settle(log, 'abort', writer.abort(new Error('abort reason')));
  await settle(log, 'closed', writer.closed);
  await turns();
  ended(log, 'node', w);
});

scenario('toWeb: writer.abort() without a reason destroys the Node side with an AbortError', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents);
  const writer = lib.Writable.toWeb(w).getWriter();
  await settle(log, 'abort', writer.abort());
  await turns();
  ended(log, 'node', w);
});

scenario('toWeb: Node side destroy(err) errors the writer', async (lib, log) => {
  const w = sink(lib, log);
  w.on('error', (err) => log('node error', err));
  const writer = lib.Writable.toWeb(w).getWriter();
  await writer.write('a');
  w.destroy(new Error('node failed'));
  await settle(log, 'closed', writer.closed);
  await settle(log, 'write after', writer.write('b'));
  await settle(log, 'close after', writer.close());
});

scenario('toWeb: a _write error errors the writer', async (lib, log) => {
  const w = new lib.Writable({
    write(c, encoding, callback) {
      setImmediate(() => callback(Object.assign(new Error('write failed'), { code: 'E_WRITE' })));
    },
  });
  w.on('error', (err) => log('node error', err));
  const writer = lib.Writable.toWeb(w).getWriter();
  // The failed write's own promise differs on purpose (README, deliberate differences).
  writer.write('a').catch(() => {});
  await turns();
  await settle(log, 'closed', writer.closed);
  await settle(log, 'write after', writer.write('b'));
});

scenario('toWeb: Node side destroy() without an error errors the writer with an AbortError', async (lib, log) => {
  const w = sink(lib, log);
  const writer = lib.Writable.toWeb(w).getWriter();
  w.destroy();
  await writer.closed.catch((err) => log('closed rejected', err, 'cause', err.cause));
  await settle(log, 'write after', writer.write('b'));
});

scenario('toWeb: Node side end() on its own errors the writer with an AbortError', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents);
  const writer = lib.Writable.toWeb(w).getWriter();
  w.end('last');
  await settle(log, 'closed', writer.closed);
  await settle(log, 'write after', writer.write('b'));
});

scenario('toWeb: a _final error rejects close', async (lib, log) => {
  const w = sink(lib, log, {
    final(callback) {
      callback(new Error('final failed'));
    },
  });
  w.on('error', (err) => log('node error', err));
  const writer = lib.Writable.toWeb(w).getWriter();
  await writer.write('a');
  await settle(log, 'close', writer.close());
  await settle(log, 'closed', writer.closed);
});

scenario('toWeb of an already destroyed Writable: a closed WritableStream', async (lib, log) => {
  const w = sink(lib, log);
  w.destroy();
  const writer = lib.Writable.toWeb(w).getWriter();
  await settle(log, 'closed', writer.closed);
  await settle(log, 'write', writer.write('a'));
});

scenario('toWeb of an ended Writable: a closed WritableStream', async (lib, log) => {
  const w = sink(lib, log);
  w.end();
  const writer = lib.Writable.toWeb(w).getWriter();
  await settle(log, 'closed', writer.closed);
  await settle(log, 'write', writer.write('a'));
  await settle(log, 'close', writer.close());
});

scenario('toWeb: a write waiting for drain is rejected when the Node side errors', async (lib, log) => {
  const w = new lib.Writable({ highWaterMark: 1, write() {} });
  w.on('error', (err) => log('node error', err));
  const writer = lib.Writable.toWeb(w).getWriter();
  const first = writer.write('abc');
  await immediate();
  w.destroy(new Error('stuck'));
  await settle(log, 'first write', first);
  await settle(log, 'closed', writer.closed);
});

scenario('toWeb: pipeTo from a ReadableStream into the Node side', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents);
  const web = new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array([1]));
      controller.enqueue(new Uint8Array([2, 3]));
      controller.close();
    },
  });
  await settle(log, 'pipeTo', web.pipeTo(lib.Writable.toWeb(w)));
  await turns();
  ended(log, 'node', w);
});

// ---- Writable.fromWeb ----

/** A WritableStream that logs what its sink receives. */
function webSink(log, extra = {}) {
  return new WritableStream({
    write(c) {
      chunk(log, 'web write', c);
    },
    close() {
      log('web close');
    },
    abort(reason) {
      log('web abort', reason);
    },
    ...extra,
  });
}

scenario('fromWeb: write and end reach the web sink, then finish and close', async (lib, log) => {
  const w = lib.Writable.fromWeb(webSink(log));
  record(w, nodeEvents);
  w.write(new Uint8Array([1, 2]), () => log('write cb'));
  w.write(Buffer.from('ab'));
  w.write('hi');
  w.end(() => log('end cb'));
  await new Promise((resolve) => w.on('close', resolve));
  await turns();
  ended(log, 'node', w);
});

scenario('fromWeb getters: objectMode, highWaterMark, decodeStrings', async (lib, log) => {
  const w = lib.Writable.fromWeb(new WritableStream());
  log('default', w.writableObjectMode, w.writableHighWaterMark);
  const o = lib.Writable.fromWeb(new WritableStream(), { objectMode: true, highWaterMark: 2 });
  log('objectMode', o.writableObjectMode, o.writableHighWaterMark);
});

scenario('fromWeb with objectMode passes the values', async (lib, log) => {
  const w = lib.Writable.fromWeb(
    new WritableStream({ write(value) { log('web write', value); } }),
    { objectMode: true },
  );
  for (const value of [{ a: 1 }, 2, 'three']) w.write(value);
  w.end();
  await new Promise((resolve) => w.on('finish', resolve));
});

scenario('fromWeb with decodeStrings false: strings arrive as strings', async (lib, log) => {
  const w = lib.Writable.fromWeb(
    new WritableStream({ write(value) { log('web write', typeof value, value); } }),
    { decodeStrings: false },
  );
  w.write('abc');
  w.end();
  await new Promise((resolve) => w.on('finish', resolve));
});

scenario("fromWeb: a string written with an encoding reaches the sink decoded", async (lib, log) => {
  const w = lib.Writable.fromWeb(webSink(log));
  w.write('ff00', 'hex');
  w.write('aGk=', 'base64');
  w.end();
  await new Promise((resolve) => w.on('finish', resolve));
});

scenario('fromWeb: destroy(err) aborts the web sink with the error', async (lib, log) => {
  const w = lib.Writable.fromWeb(webSink(log));
  record(w, nodeEvents);
  w.destroy(new Error('node side'));
  await turns();
  ended(log, 'node', w);
});

scenario('fromWeb: destroy() without an error closes the web sink', async (lib, log) => {
  const w = lib.Writable.fromWeb(webSink(log));
  record(w, nodeEvents);
  w.destroy();
  await turns();
  ended(log, 'node', w);
});

scenario('fromWeb: a web sink write error becomes the Node error', async (lib, log) => {
  const w = lib.Writable.fromWeb(new WritableStream({
    write() {
      throw new RangeError('sink failed');
    },
  }));
  record(w, nodeEvents);
  w.write('a', (err) => log('write cb', err));
  await turns(5);
  ended(log, 'node', w);
});

scenario('fromWeb: a web sink that errors later (async write rejects)', async (lib, log) => {
  let n = 0;
  const w = lib.Writable.fromWeb(new WritableStream({
    write(c) {
      chunk(log, 'web write', c);
      if (++n === 2) return Promise.reject(new Error('second failed'));
      return undefined;
    },
  }));
  record(w, nodeEvents);
  w.write('a', (err) => log('write 1 cb', err ?? null));
  await turns();
  w.write('b', (err) => log('write 2 cb', err));
  await turns(5);
  ended(log, 'node', w);
});

scenario('fromWeb: a web sink close error becomes the Node error', async (lib, log) => {
  const w = lib.Writable.fromWeb(new WritableStream({
    close() {
      throw new Error('close failed');
    },
  }));
  record(w, nodeEvents);
  w.end('a');
  await turns(5);
  ended(log, 'node', w);
});

scenario('fromWeb: the web side erroring by its controller destroys the Node side', async (lib, log) => {
  let controller;
  const w = lib.Writable.fromWeb(new WritableStream({ start(c) { controller = c; } }));
  record(w, nodeEvents);
  await turns();
  controller.error(new Error('controller error'));
  await turns();
  ended(log, 'node', w);
  attempt('write after', () => w.write('x', (err) => log('write cb', err)));
  await turns();
});

scenario('fromWeb with an aborted signal aborts the web sink', async (lib, log) => {
  const controller = new AbortController();
  const w = lib.Writable.fromWeb(webSink(log), { signal: controller.signal });
  record(w, nodeEvents);
  controller.abort();
  await turns();
  ended(log, 'node', w);
});

scenario('fromWeb: pipe a Readable into it', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.push('a');
  r.push('b');
  r.push(null);
  const w = lib.Writable.fromWeb(webSink(log));
  record(w, nodeEvents);
  r.pipe(w);
  await new Promise((resolve) => w.on('close', resolve));
});

scenario('round trip: Writable.fromWeb(Writable.toWeb(w)) writes into w', async (lib, log) => {
  const w = sink(lib, log);
  record(w, nodeEvents, 'inner');
  const outer = lib.Writable.fromWeb(lib.Writable.toWeb(w));
  record(outer, nodeEvents, 'outer');
  outer.write('x');
  outer.end('y');
  await new Promise((resolve) => outer.on('close', resolve));
  await turns();
  ended(log, 'inner', w);
});
