// Readable.toWeb, Duplex.toWeb and Writable.toWeb of streams that are not the library's own:
// node:stream's Readable, PassThrough and Duplex, fs streams, and a real http server's request
// and response. The inputs are node:stream's in both runs; only the adapter differs.

import * as nodeStream from 'node:stream';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request } from 'node:http';
import { after } from 'node:test';
import * as readableStream from 'readable-stream';
import { scenario, record, attempt } from './harness.js';
import { readAll, settle, turns, ended } from './web.helpers.js';

const sourceEvents = ['end', 'error', 'close'];
const dir = mkdtempSync(join(tmpdir(), 'highwater-foreign-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The text of the chunks a reader gave (bytes or strings). */
async function readText(reader) {
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += typeof value === 'string' ? value : Buffer.from(value).toString();
  }
}

scenario('toWeb of a node:stream Readable: its chunks, then done; the source ends and closes', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  record(source, sourceEvents, 'source');
  source.push('ab');
  source.push(Buffer.from('cd'));
  source.push(null);
  const reader = lib.Readable.toWeb(source).getReader();
  await readAll(log, reader);
  await settle(log, 'closed', reader.closed);
  await turns();
  ended(log, 'source', source);
});

scenario('toWeb of a node:stream Readable that pushes later: one chunk per read', async (lib, log) => {
  let n = 0;
  const source = new nodeStream.Readable({
    read() {
      setImmediate(() => this.push(n < 4 ? `c${n++}` : null));
    },
  });
  record(source, sourceEvents, 'source');
  await readAll(log, lib.Readable.toWeb(source).getReader());
  await turns();
  ended(log, 'source', source);
});

scenario("toWeb of readable-stream's Readable and PassThrough", async (lib, log) => {
  const source = new readableStream.Readable({ read() {} });
  record(source, sourceEvents, 'source');
  source.push('one');
  source.push(null);
  await readAll(log, lib.Readable.toWeb(source).getReader());
  const pass = new readableStream.PassThrough({ objectMode: true });
  pass.write({ a: 1 });
  pass.end('b');
  await readAll(log, lib.Readable.toWeb(pass).getReader(), 'pass');
  const canceled = new readableStream.PassThrough();
  canceled.write('x');
  const reader = lib.Readable.toWeb(canceled).getReader();
  await reader.read();
  await reader.cancel(new Error('stop'));
  await turns();
  ended(log, 'canceled', canceled);
});

scenario('toWeb of a PassThrough with a slow reader: backpressure reaches the writer, all data arrives', async (lib, log) => {
  const source = new nodeStream.PassThrough({ highWaterMark: 4 });
  const reader = lib.Readable.toWeb(source).getReader();
  let written = 0;
  const chunks = [];
  for (let i = 0; i < 20; i++) chunks.push(`chunk${i};`);
  const writing = (async () => {
    for (const c of chunks) {
      if (!source.write(c)) await new Promise((resolve) => source.once('drain', resolve));
      written++;
    }
    source.end();
  })();
  await turns(5);
  log('written before reading', written < chunks.length);
  const text = await readText(reader);
  await writing;
  log('text', text === chunks.join(''), written);
  await turns();
  ended(log, 'source', source);
});

scenario('toWeb of an objectMode node:stream Readable delivers the values', async (lib, log) => {
  const source = nodeStream.Readable.from([1, 'two', { three: 3 }, [4], false]);
  await readAll(log, lib.Readable.toWeb(source).getReader());
  await turns();
  ended(log, 'source', source);
});

// One chunk only: with more, Node's adapter fails to measure the second string
// (nodejs/node#58397; tests/web.test.js checks highwater with several).
scenario('toWeb of a node:stream Readable with setEncoding: a string in its encoding', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  source.setEncoding('hex');
  source.push('ab');
  source.push(null);
  await readAll(log, lib.Readable.toWeb(source).getReader());
});

scenario('toWeb of a node:stream Readable, cancel(reason) mid-stream: the source is destroyed with the reason', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  record(source, sourceEvents, 'source');
  source.push('a');
  const reader = lib.Readable.toWeb(source).getReader();
  const first = await reader.read();
  log('first', first.done, first.value);
  await reader.cancel(Object.assign(new Error('enough'), { code: 'E_ENOUGH' }));
  await settle(log, 'closed', reader.closed);
  await turns();
  ended(log, 'source', source);
});

scenario('toWeb of a node:stream Readable, cancel() without a reason: the source gets an AbortError', async (lib, log) => {
  const source = new nodeStream.PassThrough();
  record(source, sourceEvents, 'source');
  source.write('a');
  const reader = lib.Readable.toWeb(source).getReader();
  log('first', (await reader.read()).done);
  await reader.cancel();
  await turns();
  ended(log, 'source', source);
});

scenario('toWeb of a node:stream Readable that errors after a chunk: the read after it rejects', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  record(source, sourceEvents, 'source');
  const reader = lib.Readable.toWeb(source).getReader();
  source.push('a');
  const first = await reader.read();
  log('first', first.done, first.value instanceof Uint8Array);
  const second = reader.read();
  await turns(1);
  source.destroy(Object.assign(new TypeError('bad'), { code: 'E_BAD' }));
  await settle(log, 'second', second);
  await settle(log, 'closed', reader.closed);
  await turns();
  ended(log, 'source', source);
});

scenario('toWeb of a node:stream Readable destroyed mid-stream without an error: AbortError caused by the premature close', async (lib, log) => {
  const source = new nodeStream.Readable({ read() {} });
  const reader = lib.Readable.toWeb(source).getReader();
  source.push('a');
  await reader.read();
  const pending = reader.read();
  source.destroy();
  try {
    await pending;
    log('resolved');
  } catch (err) {
    log('rejected', err, err.cause);
  }
});

scenario('toWeb of an already destroyed or ended node:stream Readable', async (lib, log) => {
  const destroyed = new nodeStream.Readable({ read() {} });
  destroyed.destroy();
  await turns(1);
  const reader = lib.Readable.toWeb(destroyed).getReader();
  await reader.read().then((r) => log('destroyed: resolved', r), (err) => log('destroyed: rejected', err, err.cause));
  const done = new nodeStream.Readable({ read() {} });
  done.push(null);
  done.resume();
  await turns();
  log('ended', done.readableEnded);
  await readAll(log, lib.Readable.toWeb(done).getReader(), 'ended');
});

scenario('Readable.toWeb of a node:stream Duplex reads its readable side; the writable side stays open', async (lib, log) => {
  const duplex = new nodeStream.Duplex({
    read() {},
    write(c, e, cb) {
      log('written', String(c));
      cb();
    },
  });
  duplex.push('x');
  duplex.push(null);
  await readAll(log, lib.Readable.toWeb(duplex).getReader());
  await turns();
  log('writable', duplex.writable, duplex.destroyed);
  duplex.end('late');
  await turns();
});

scenario('Duplex.toWeb of a node:stream Duplex: both sides, with pipeThrough', async (lib, log) => {
  const upper = new nodeStream.Transform({
    transform(c, e, cb) {
      cb(null, String(c).toUpperCase());
    },
  });
  record(upper, ['end', 'finish', 'error', 'close'], 'transform');
  const pair = lib.Duplex.toWeb(upper);
  const input = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('ab'));
      controller.enqueue(new TextEncoder().encode('cd'));
      controller.close();
    },
  });
  log('text', await readText(input.pipeThrough(pair).getReader()));
  await turns();
  ended(log, 'transform', upper);
});

scenario('Transform.toWeb of a node:stream PassThrough, the writable side aborted', async (lib, log) => {
  const pass = new nodeStream.PassThrough();
  record(pass, ['finish', 'error', 'close'], 'pass');
  const { writable, readable } = lib.Transform.toWeb(pass);
  const writer = writable.getWriter();
  await writer.write(new Uint8Array([1]));
  const reader = readable.getReader();
  log('read', (await reader.read()).value);
  await settle(log, 'abort', writer.abort(new Error('stop')));
  await settle(log, 'read after abort', reader.read());
  await turns();
  ended(log, 'pass', pass);
});

scenario('fs.createReadStream of a file through toWeb gives its bytes; the file stream closes', async (lib, log) => {
  const file = join(dir, 'in.txt');
  writeFileSync(file, 'x'.repeat(100_000) + 'end');
  const source = createReadStream(file, { highWaterMark: 16384 });
  record(source, sourceEvents, 'file');
  const text = await readText(lib.Readable.toWeb(source).getReader());
  log('length', text.length, text.endsWith('end'));
  await turns();
  log('file', source.destroyed, source.closed);
});

scenario('fs.createReadStream canceled: the file stream is destroyed and closes its fd', async (lib, log) => {
  const file = join(dir, 'cancel.txt');
  writeFileSync(file, 'y'.repeat(200_000));
  const source = createReadStream(file, { highWaterMark: 1024 });
  const reader = lib.Readable.toWeb(source).getReader();
  const first = await reader.read();
  log('first', first.value.length);
  await reader.cancel();
  await new Promise((resolve) => source.once('close', resolve));
  log('file', source.destroyed, source.errored?.name, source.fd);
});

scenario('Writable.toWeb of fs.createWriteStream and of a node:stream Writable', async (lib, log) => {
  const file = join(dir, 'out.txt');
  const out = createWriteStream(file);
  const writer = lib.Writable.toWeb(out).getWriter();
  await writer.write(new TextEncoder().encode('hello '));
  await writer.write(new TextEncoder().encode('file'));
  await settle(log, 'close', writer.close());
  await new Promise((resolve) => (out.closed ? resolve() : out.once('close', resolve)));
  log('file', readFileSync(file, 'utf8'));
  const got = [];
  const sink = new nodeStream.Writable({
    objectMode: true,
    write(c, e, cb) {
      got.push(c);
      cb();
    },
  });
  const w2 = lib.Writable.toWeb(sink).getWriter();
  await w2.write({ a: 1 });
  await w2.write('two');
  await settle(log, 'close', w2.close());
  log('got', got);
});

scenario('an http server: Readable.toWeb(req) reads the body, Writable.toWeb(res) writes the response', async (lib, log) => {
  const server = createServer(async (req, res) => {
    try {
      const body = await readText(lib.Readable.toWeb(req).getReader());
      log('server got', body);
      res.setHeader('content-type', 'text/plain');
      const writer = lib.Writable.toWeb(res).getWriter();
      await writer.write(new TextEncoder().encode(`echo:${body.length}:`));
      await writer.write(new TextEncoder().encode(body.toUpperCase()));
      await writer.close();
      log('server closed the response');
    } catch (err) {
      log('server failed', err);
      res.destroy();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const response = await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, resolve);
    req.on('error', reject);
    for (let i = 0; i < 50; i++) req.write(`part${i},`);
    req.end();
  });
  log('status', response.statusCode, response.headers['content-type']);
  const text = await readText(lib.Readable.toWeb(response).getReader());
  log('client got', text.slice(0, 30), text.length);
  await new Promise((resolve) => server.close(resolve));
});

scenario('an http request body canceled by the server: the request is destroyed', async (lib, log) => {
  let seen;
  const server = createServer(async (req, res) => {
    const reader = lib.Readable.toWeb(req).getReader();
    const first = await reader.read();
    log('server first', first.done);
    await reader.cancel();
    await new Promise((resolve) => setImmediate(resolve));
    seen = { destroyed: req.destroyed, errored: req.errored?.name };
    res.end('stopped');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.write('first');
    setTimeout(() => req.end('rest'), 50);
  });
  log('request', seen);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

scenario('what toWeb refuses: non-streams and streams without a readable state', async (lib, log) => {
  const { EventEmitter } = await import('node:events');
  const old = Object.assign(new EventEmitter(), { pause() {}, resume() {}, pipe() {} });
  const writable = new nodeStream.Writable({ write(c, e, cb) { cb(); } });
  for (const [label, value] of [['undefined', undefined], ['object', {}], ['old stream', old], ['Writable', writable]]) {
    attempt(`Readable.toWeb(${label})`, () => lib.Readable.toWeb(value));
  }
  attempt('Duplex.toWeb(Readable)', () => lib.Duplex.toWeb(new nodeStream.Readable({ read() {} })));
  attempt('Duplex.toWeb(Writable)', () => lib.Duplex.toWeb(writable));
  attempt('Writable.toWeb(object)', () => lib.Writable.toWeb({}));
  attempt('Readable.toWeb(PassThrough, bad type)', () => lib.Readable.toWeb(new nodeStream.PassThrough(), { type: 'nope' }));
});
