// compose, readable.compose and addAbortSignal against node:stream: data through every kind of
// stage, the Duplex's events, errors and destroy in each position, and bad arguments.

import * as nodeStream from 'node:stream';
import { scenario, record, attempt, immediate } from './harness.js';

const events = ['end', 'finish', 'error', 'close'];

async function turns(count = 4) {
  for (let i = 0; i < count; i++) await immediate();
}

/** An async generator transform that applies `fn` to each chunk. */
const mapping = (fn) => async function* (source) {
  for await (const chunk of source) yield fn(chunk);
};

/** Reads `stream` with 'data' and logs the chunks as strings. */
function collect(log, stream, label = 'data') {
  stream.on('data', (chunk) => log(label, String(chunk)));
}

scenario('compose of two Transforms: writes go in, reads come out', async (lib, log) => {
  const upper = new lib.Transform({ transform: (c, e, cb) => cb(null, String(c).toUpperCase()) });
  const bang = new lib.Transform({ transform: (c, e, cb) => cb(null, `${c}!`) });
  const d = lib.compose(upper, bang);
  record(d, events, 'd');
  collect(log, d);
  log('flags', d.readable, d.writable, d.readableObjectMode, d.writableObjectMode);
  d.write('a');
  d.end('b');
  await turns();
});

scenario('compose of async generator functions and a PassThrough in object mode', async (lib, log) => {
  const d = lib.compose(mapping((x) => x * 2), new lib.PassThrough({ objectMode: true }), mapping((x) => x + 1));
  record(d, events, 'd');
  collect(log, d);
  d.write(1);
  d.write(2);
  d.end();
  await turns();
});

scenario('compose with a Readable first is readable only', async (lib, log) => {
  const d = lib.compose(lib.Readable.from(['x', 'y']), mapping((s) => s + s));
  record(d, events, 'd');
  log('flags', d.readable, d.writable);
  collect(log, d);
  await turns();
});

scenario('compose with a Writable last is writable only', async (lib, log) => {
  const w = new lib.Writable({
    write(c, e, cb) {
      log('sink', String(c));
      cb();
    },
  });
  const d = lib.compose(new lib.PassThrough(), w);
  record(d, events, 'd');
  record(w, events, 'w');
  log('flags', d.readable, d.writable);
  d.write('p');
  d.end('q');
  await turns();
});

scenario('compose of a single stage is Duplex.from of it', async (lib, log) => {
  const t = new lib.PassThrough();
  log('same', lib.compose(t) === t);
  const d = lib.compose(mapping((s) => `<${s}>`));
  collect(log, d);
  d.end('z');
  await turns();
});

scenario('compose: an error in the middle stage destroys the Duplex with it', async (lib, log) => {
  const failing = new lib.Transform({
    transform(c, e, cb) {
      cb(Object.assign(new Error('middle failed'), { code: 'E_MID' }));
    },
  });
  const d = lib.compose(new lib.PassThrough(), failing, new lib.PassThrough());
  record(d, events, 'd');
  d.resume();
  d.write('a');
  await turns();
  log('destroyed', d.destroyed, failing.destroyed);
});

scenario('compose: a generator that throws errors the Duplex', async (lib, log) => {
  const d = lib.compose(new lib.PassThrough({ objectMode: true }), async function* (source) {
    for await (const chunk of source) {
      if (chunk === 2) throw new Error('two');
      yield chunk;
    }
  });
  record(d, events, 'd');
  collect(log, d);
  d.write(1);
  d.write(2);
  await turns();
});

scenario('compose: destroy() without an error is an AbortError and destroys the stages', async (lib, log) => {
  const a = new lib.PassThrough();
  const b = new lib.PassThrough();
  const d = lib.compose(a, b);
  record(d, events, 'd');
  d.destroy();
  await turns();
  log('stages', a.destroyed, b.destroyed);
});

scenario('compose: destroy(err) carries the error', async (lib, log) => {
  const d = lib.compose(new lib.PassThrough(), new lib.PassThrough());
  record(d, events, 'd');
  d.destroy(new Error('stop'));
  await turns();
});

scenario('compose: backpressure from a slow last stage reaches write()', async (lib, log) => {
  const d = lib.compose(new lib.PassThrough({ highWaterMark: 4 }), new lib.PassThrough({ highWaterMark: 4 }));
  const results = [];
  for (let i = 0; i < 6; i++) results.push(d.write('xx'));
  log('write results', results);
  collect(log, d);
  d.end();
  await turns();
});

scenario('compose with web streams at both ends', async (lib, log) => {
  const d = lib.compose(new TransformStream({ transform: (c, ctl) => ctl.enqueue(String(c).toUpperCase()) }),
    new lib.PassThrough({ objectMode: true }),
    new TransformStream({ transform: (c, ctl) => ctl.enqueue(`${c}.`) }));
  record(d, events, 'd');
  collect(log, d);
  d.write('w');
  d.end('v');
  await turns(6);
});

scenario('compose ending in a WritableStream finishes when it is written', async (lib, log) => {
  const d = lib.compose(new lib.PassThrough(), new WritableStream({ write: (c) => log('web', String(c)) }));
  record(d, events, 'd');
  d.end('k');
  await turns(6);
});

/** Logs the code and the message up to the received value (whose inspection shows internals). */
function rejects(log, label, fn) {
  try {
    fn();
    log(label, 'no error');
  } catch (err) {
    log(label, err.name, err.code, err.message.split(' Received')[0]);
  }
}

scenario('compose: bad arguments', async (lib, log) => {
  attempt('no stages', () => lib.compose());
  const done = new lib.Writable({ write: (c, e, cb) => cb() });
  rejects(log, 'writable in the middle', () => lib.compose(new lib.PassThrough(), done, new lib.PassThrough()));
  const ended = lib.Readable.from([]);
  rejects(log, 'readable last', () => lib.compose(new lib.PassThrough(), ended));
});

scenario('readable.compose(stream) and its options', async (lib, log) => {
  const composed = lib.Readable.from([1, 2, 3]).compose(mapping((x) => x * 10));
  log('result', await composed.toArray());
  attempt('options not an object', () => lib.Readable.from([]).compose(mapping((x) => x), 'no'));
  attempt('bad signal', () => lib.Readable.from([]).compose(mapping((x) => x), { signal: 1 }));
});

scenario('readable.compose with a signal aborted later destroys the result', async (lib, log) => {
  const ac = new AbortController();
  const composed = new lib.Readable({ read() {} }).compose(mapping((x) => x), { signal: ac.signal });
  record(composed, events, 'c');
  ac.abort();
  await turns();
});

scenario('addAbortSignal: abort destroys the stream with an AbortError', async (lib, log) => {
  const ac = new AbortController();
  const r = new lib.Readable({ read() {} });
  log('returned same', lib.addAbortSignal(ac.signal, r) === r);
  record(r, events, 'r');
  ac.abort('why');
  await turns();
  log('errored', r.errored?.name, r.errored?.cause);
});

scenario('addAbortSignal: an already aborted signal destroys at once', async (lib, log) => {
  const w = new lib.Writable({ write: (c, e, cb) => cb() });
  record(w, events, 'w');
  lib.addAbortSignal(AbortSignal.abort(), w);
  log('destroyed now', w.destroyed);
  await turns();
});

scenario('addAbortSignal: bad arguments', async (lib, log) => {
  attempt('not a signal', () => lib.addAbortSignal({}, new lib.Readable()));
  attempt('not a stream', () => lib.addAbortSignal(new AbortController().signal, {}));
});

scenario('addAbortSignal on a node:stream stream (the same foreign stream for both)', async (lib, log) => {
  const ac = new AbortController();
  const foreign = new nodeStream.Readable({ read() {} });
  log('returned same', lib.addAbortSignal(ac.signal, foreign) === foreign);
  record(foreign, events, 'foreign');
  ac.abort();
  await turns();
});
