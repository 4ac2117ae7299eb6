// Bad input, function by function: what a wrong argument gets (the error's name, code and
// message, and whether it is thrown, emitted as 'error', passed to a callback or a rejection),
// the same from highwater as from node:stream. These rows are the bad-input table of README.md;
// print it from Node's behaviour with:
//   HIGHWATER_BADINPUT_TABLE=1 node tests/diff/badinput.test.js

import { scenario } from './harness.js';
import * as nodeStream from 'node:stream';

const nop = () => {};

/**
 * One row: `call(lib, t)` makes the wrong call; `t.watch(stream)` logs the stream's 'error'
 * events, `t.cb` is a callback that logs its error. A returned promise is awaited and its
 * rejection logged; a synchronous throw is logged.
 */
const rows = [];
function row(fn, input, call) {
  rows.push({ fn, input, call });
}

const readable = (lib, options) => new lib.Readable({ read() {}, ...options });
const writable = (lib, options) => new lib.Writable({ write(chunk, encoding, cb) { cb(); }, ...options });

// ---- constructors and options ----
for (const Kind of ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough']) {
  row(`new ${Kind}(options)`, 'highWaterMark: -1', (lib) => new lib[Kind]({ highWaterMark: -1 }));
  row(`new ${Kind}(options)`, "highWaterMark: '16'", (lib) => new lib[Kind]({ highWaterMark: '16' }));
  row(`new ${Kind}(options)`, 'highWaterMark: NaN', (lib) => new lib[Kind]({ highWaterMark: NaN }));
  row(`new ${Kind}(options)`, "signal: 'x'", (lib) => new lib[Kind]({ signal: 'x' }));
}
row('new Readable(options)', "encoding: 'nope'", (lib) => new lib.Readable({ encoding: 'nope' }));
row('new Writable(options)', "defaultEncoding: 'nope'", (lib) => new lib.Writable({ defaultEncoding: 'nope' }));
row('new Duplex(options)', 'readableHighWaterMark: -1', (lib) => new lib.Duplex({ readableHighWaterMark: -1 }));
row('new Duplex(options)', 'writableHighWaterMark: -1', (lib) => new lib.Duplex({ writableHighWaterMark: -1 }));

// ---- Readable ----
row('readable.push(chunk)', 'a number (byte mode)', (lib, t) => t.watch(readable(lib)).push(5));
row('readable.push(chunk)', 'a plain object (byte mode)', (lib, t) => t.watch(readable(lib)).push({}));
row('readable.push(chunk, encoding)', "encoding 'nope'", (lib, t) => t.watch(readable(lib)).push('x', 'nope'));
row('readable.push(chunk)', 'after push(null)', (lib, t) => {
  const r = t.watch(readable(lib));
  r.push(null);
  return r.push('x');
});
row('readable.unshift(chunk)', 'a number (byte mode)', (lib, t) => t.watch(readable(lib)).unshift(5));
row('readable.unshift(chunk)', "after 'end'", async (lib, t) => {
  const r = t.watch(readable(lib));
  r.push(null);
  r.resume();
  await new Promise((resolve) => r.on('end', resolve));
  return r.unshift('x');
});
row('readable.read(size)', 'size > 1 GiB', (lib, t) => t.watch(readable(lib)).read(2 ** 30 + 1));
row('readable.read(size)', "size 'abc', -1, NaN", (lib, t) => {
  const r = t.watch(readable(lib));
  return [r.read('abc'), r.read(-1), r.read(NaN)];
});
row('readable.read()', 'no _read implemented', (lib, t) => t.watch(new lib.Readable()).read());
row('readable.setEncoding(encoding)', "'nope'", (lib, t) => t.watch(readable(lib)).setEncoding('nope'));
row('readable.iterator(options)', "'x'", (lib, t) => t.watch(readable(lib)).iterator('x'));
row('readable.destroy(error)', "a non-Error value 'x'", (lib, t) => { t.watch(readable(lib)).destroy('x'); });
row('Readable.from(iterable)', 'a number', (lib) => lib.Readable.from(5));
row('Readable.from(iterable)', 'null', (lib) => lib.Readable.from(null));

// ---- Writable ----
row('writable.write(chunk)', 'a number (byte mode)', (lib, t) => t.watch(writable(lib)).write(5, t.cb));
row('writable.write(chunk)', 'null', (lib, t) => t.watch(writable(lib)).write(null, t.cb));
row('writable.write(chunk, encoding)', "encoding 'nope'", (lib, t) => t.watch(writable(lib)).write('x', 'nope', t.cb));
row('writable.write(chunk)', 'after end()', (lib, t) => {
  const w = t.watch(writable(lib));
  w.end();
  return w.write('x', t.cb);
});
row('writable.write(chunk)', 'after destroy()', (lib, t) => {
  const w = t.watch(writable(lib));
  w.destroy();
  return w.write('x', t.cb);
});
row('writable.write(chunk, encoding, cb)', 'cb a number', (lib, t) => t.watch(writable(lib)).write('x', 'utf8', 5));
row('writable.write(chunk)', 'no _write implemented', (lib, t) => t.watch(new lib.Writable()).write('x', t.cb));
row('writable.write(chunk)', '_write calls back twice', (lib, t) => t.watch(writable(lib, {
  write(chunk, encoding, cb) { cb(); cb(); },
})).write('x'));
row('writable.end(chunk)', 'a number (byte mode)', (lib, t) => t.watch(writable(lib)).end(5));
row('writable.end(cb)', 'after finish', async (lib, t) => {
  const w = t.watch(writable(lib));
  w.end();
  await new Promise((resolve) => w.on('finish', resolve));
  w.end(t.cb);
});
row('writable.end(cb)', 'after destroy()', (lib, t) => {
  const w = t.watch(writable(lib));
  w.destroy();
  w.end(t.cb);
});
row('writable.setDefaultEncoding(encoding)', "'nope'", (lib, t) => t.watch(writable(lib)).setDefaultEncoding('nope'));

// ---- Transform ----
row('transform.write(chunk)', 'no _transform implemented', (lib, t) => t.watch(new lib.Transform()).write('x', t.cb));
row('transform.write(chunk)', '_transform calls back twice', (lib, t) => t.watch(new lib.Transform({
  transform(chunk, encoding, cb) { cb(null, chunk); cb(null, chunk); },
})).write('x'));
row('transform.write(chunk)', '_transform gives a number (byte mode)', (lib, t) => t.watch(new lib.Transform({
  transform(chunk, encoding, cb) { cb(null, 5); },
})).write('x'));

// ---- pipe, pipeline, finished, compose ----
row('readable.pipe(destination)', 'a Writable that is not writable (ended)', (lib, t) => {
  const w = t.watch(writable(lib));
  w.end();
  const r = t.watch(readable(lib));
  r.pipe(w);
  r.push('x');
});
row('pipeline(...streams, callback)', 'no streams', (lib) => lib.pipeline(nop));
row('pipeline(...streams, callback)', 'one stream', (lib, t) => lib.pipeline(readable(lib), t.cb));
row('pipeline(...streams, callback)', 'no callback', (lib) => lib.pipeline(readable(lib), writable(lib)));
row('pipeline(...streams, callback)', 'a number among the streams', (lib, t) => lib.pipeline(readable(lib), 5, writable(lib), t.cb));
row('pipeline(...streams, options, callback)', "signal: 'x'", (lib, t) => lib.pipeline(readable(lib), writable(lib), { signal: 'x' }, t.cb));
row('promises.pipeline(...streams)', 'no streams', (lib) => lib.promises.pipeline());
row('finished(stream, callback)', 'stream a number', (lib, t) => lib.finished(5, t.cb));
row('finished(stream, callback)', 'callback a number', (lib) => lib.finished(readable(lib), 5));
row('finished(stream, options, callback)', 'options a number', (lib, t) => lib.finished(readable(lib), 5, t.cb));
row('finished(stream, options, callback)', "signal: 'x'", (lib, t) => lib.finished(readable(lib), { signal: 'x' }, t.cb));
row('promises.finished(stream)', 'a number', (lib) => lib.promises.finished(5));
row('compose(...streams)', 'no streams', (lib) => lib.compose());
row('compose(...streams)', 'a number', (lib) => lib.compose(5));
row('compose(...streams)', 'a number after a stream', (lib) => lib.compose(readable(lib), 5));

// ---- operators ----
const source = (lib) => lib.Readable.from([1, 2, 3]);
for (const op of ['map', 'filter', 'flatMap']) {
  row(`readable.${op}(fn)`, 'fn a number', (lib) => source(lib)[op](5));
  row(`readable.${op}(fn, options)`, 'options a number', (lib) => source(lib)[op](nop, 5));
  row(`readable.${op}(fn, options)`, 'concurrency: 0', (lib) => source(lib)[op](nop, { concurrency: 0 }));
}
row('readable.map(fn, options)', "signal: 'x'", (lib) => source(lib).map(nop, { signal: 'x' }));
for (const op of ['forEach', 'some', 'every', 'find']) {
  row(`readable.${op}(fn)`, 'fn a number', (lib) => source(lib)[op](5));
}
row('readable.reduce(fn)', 'fn a number', (lib) => source(lib).reduce(5));
row('readable.toArray(options)', 'options a number', (lib) => source(lib).toArray(5));
row('readable.take(n)', '-1', (lib) => source(lib).take(-1));
row('readable.take(n)', "'x'", (lib) => source(lib).take('x'));
row('readable.drop(n)', '-1', (lib) => source(lib).drop(-1));
row('readable.drop(n)', "'x'", (lib) => source(lib).drop('x'));

// ---- web adapters, Duplex.from, addAbortSignal, duplexPair, defaults ----
row('Readable.toWeb(readable)', 'a number', (lib) => lib.Readable.toWeb(5));
row('Readable.toWeb(readable, options)', "type: 'x'", (lib) => lib.Readable.toWeb(readable(lib), { type: 'x' }));
row('Readable.fromWeb(readableStream)', 'a number', (lib) => lib.Readable.fromWeb(5));
row('Readable.fromWeb(readableStream, options)', "encoding: 'nope'", (lib) => lib.Readable.fromWeb(new ReadableStream(), { encoding: 'nope' }));
row('Readable.fromWeb(readableStream)', 'a locked stream', (lib) => {
  const web = new ReadableStream();
  web.getReader();
  return lib.Readable.fromWeb(web);
});
row('Writable.toWeb(writable)', 'a number', (lib) => lib.Writable.toWeb(5));
row('Writable.fromWeb(writableStream)', 'a number', (lib) => lib.Writable.fromWeb(5));
row('Writable.fromWeb(writableStream, options)', "decodeStrings: 'x'", (lib) => lib.Writable.fromWeb(new WritableStream(), { decodeStrings: 'x' }));
row('Duplex.toWeb(duplex)', 'a Readable', (lib) => lib.Duplex.toWeb(readable(lib)));
row('Duplex.fromWeb(pair)', 'a number', (lib) => lib.Duplex.fromWeb(5));
row('Duplex.fromWeb(pair)', '{ readable: 5 }', (lib) => lib.Duplex.fromWeb({ readable: 5, writable: new WritableStream() }));
row('Duplex.from(body)', 'a number', (lib) => lib.Duplex.from(5));
row('Duplex.from(body)', 'null', (lib) => lib.Duplex.from(null));
row('Duplex.from(body)', 'a plain object without streams', (lib) => lib.Duplex.from({ a: 1 }));
row('addAbortSignal(signal, stream)', 'signal a number', (lib) => lib.addAbortSignal(5, readable(lib)));
row('addAbortSignal(signal, stream)', 'stream a number', (lib) => lib.addAbortSignal(new AbortController().signal, 5));
row('duplexPair(options)', 'a number', (lib) => lib.duplexPair(5));
row('setDefaultHighWaterMark(objectMode, value)', '-1', (lib) => lib.setDefaultHighWaterMark(false, -1));
row('setDefaultHighWaterMark(objectMode, value)', "'16'", (lib) => lib.setDefaultHighWaterMark(false, '16'));
row('setDefaultHighWaterMark(objectMode, value)', '1.5', (lib) => lib.setDefaultHighWaterMark(false, 1.5));

/** Runs a row against `lib`, calling `log` with what the wrong input got. */
async function runRow(lib, { call }, log) {
  const t = {
    watch(stream) {
      stream.on('error', (error) => log('emitted', error));
      return stream;
    },
    cb: (error) => log('called back', error),
  };
  const defaults = [lib.getDefaultHighWaterMark(false), lib.getDefaultHighWaterMark(true)];
  try {
    const value = call(lib, t);
    if (typeof value?.then === 'function') {
      await value.then(() => log('resolved'), (error) => log('rejected', error));
    } else {
      log('returned', value);
    }
  } catch (error) {
    log('threw', error);
  } finally {
    lib.setDefaultHighWaterMark(false, defaults[0]);
    lib.setDefaultHighWaterMark(true, defaults[1]);
  }
}

if (process.env.HIGHWATER_BADINPUT_TABLE === '1') {
  // The bad-input table of README.md, from node:stream's behaviour.
  const describe = (how, value) => {
    if (!(value instanceof Error)) return `${how} \`${typeof value === 'string' ? `'${value}'` : String(value)}\``;
    return `${how} ${value.code ? `\`${value.code}\`` : '(no code)'} (${value.name})`;
  };
  console.log('| Function | Wrong input | What it gets |\n|---|---|---|');
  for (const r of rows) {
    const seen = [];
    const log = (how, value) => seen.push([how, value]);
    await runRow(nodeStream, r, log);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const errors = seen.filter(([how, value]) => how !== 'returned' && how !== 'resolved' && value !== undefined && value !== null);
    const text = errors.length ? errors.map(([how, value]) => describe(how, value)).join('; ') : 'accepted (no error, as in Node)';
    console.log(`| \`${r.fn}\` | ${r.input} | ${text} |`);
  }
} else {
  for (const r of rows) {
    scenario(`bad input: ${r.fn}: ${r.input}`, (lib, log) => runRow(lib, r, log));
  }
}
