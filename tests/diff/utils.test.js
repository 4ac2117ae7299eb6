// isReadable, isWritable, isErrored, isDisturbed and isDestroyed against node:stream's: on
// fresh, read, ended, finished, errored and destroyed streams of every kind, on node:stream
// and readable-stream streams, on web streams, and on values that are not streams.

import * as nodeStream from 'node:stream';
import * as readableStream from 'readable-stream';
import { scenario, immediate } from './harness.js';

const names = ['isReadable', 'isWritable', 'isErrored', 'isDisturbed', 'isDestroyed'];

/** Logs [label, { isReadable, isWritable, ... }] for `value`, each answer from `lib`. */
function probe(lib, log, label, value) {
  const answers = {};
  for (const name of names) answers[name] = lib[name](value);
  log(label, answers);
}

/** Waits `count` setImmediate turns. */
async function turns(count = 3) {
  for (let i = 0; i < count; i++) await immediate();
}

/** A new stream of each kind from `lib` (its own or another implementation). */
function kinds(lib) {
  const nop = () => {};
  return {
    Readable: () => new lib.Readable({ read: nop }),
    Writable: () => new lib.Writable({ write: (chunk, encoding, cb) => cb() }),
    Duplex: () => new lib.Duplex({ read: nop, write: (chunk, encoding, cb) => cb() }),
    Transform: () => new lib.Transform({ transform: (chunk, encoding, cb) => cb(null, chunk) }),
    PassThrough: () => new lib.PassThrough(),
    'Duplex readable: false': () => new lib.Duplex({ readable: false, write: (chunk, encoding, cb) => cb() }),
    'Duplex writable: false': () => new lib.Duplex({ writable: false, read: nop }),
  };
}

/** Probes streams of every kind of `source` through every state, answers from `lib`. */
async function everyState(lib, log, source) {
  for (const [kind, make] of Object.entries(kinds(source))) {
    const fresh = make();
    fresh.on('error', () => {});
    probe(lib, log, `${kind} fresh`, fresh);

    const errored = make();
    errored.on('error', () => {});
    errored.destroy(new Error('boom'));
    probe(lib, log, `${kind} destroy(err), same tick`, errored);
    const destroyed = make();
    destroyed.destroy();
    probe(lib, log, `${kind} destroy(), same tick`, destroyed);
    await turns(1);
    probe(lib, log, `${kind} destroy(err), after 'error'`, errored);
    probe(lib, log, `${kind} destroy(), after 'close'`, destroyed);

    if (typeof fresh.push === 'function' && fresh.readable) {
      const read = make();
      read.push('a');
      read.push('b');
      probe(lib, log, `${kind} with data buffered`, read);
      read.read(1);
      probe(lib, log, `${kind} after read()`, read);
      read.push(null);
      probe(lib, log, `${kind} after push(null)`, read);
      read.resume();
      await turns(1);
      probe(lib, log, `${kind} after 'end'`, read);
    }

    if (typeof fresh.write === 'function' && fresh.writable) {
      const written = make();
      written.write('x');
      probe(lib, log, `${kind} after write()`, written);
      written.end();
      probe(lib, log, `${kind} after end()`, written);
      written.resume?.();
      await turns(1);
      probe(lib, log, `${kind} after 'finish'`, written);
    }
  }
}

scenario('every kind of stream in every state', async (lib, log) => {
  await everyState(lib, log, lib);
});

scenario('node:stream streams in every state, probed by lib', async (lib, log) => {
  await everyState(lib, log, nodeStream);
});

scenario('readable-stream streams in every state, probed by lib', async (lib, log) => {
  await everyState(lib, log, readableStream);
});

scenario('an error kept by a stream with autoDestroy off', async (lib, log) => {
  const r = new lib.Readable({ autoDestroy: false, read() {} });
  r.on('error', (err) => log('error', err));
  r.push(42);
  probe(lib, log, 'readable, bad chunk, same tick', r);
  await turns(1);
  probe(lib, log, 'readable, bad chunk, after error', r);
  const w = new lib.Writable({ autoDestroy: false, write: (chunk, encoding, cb) => cb(new Error('no')) });
  w.on('error', (err) => log('error', err));
  w.write('x');
  probe(lib, log, 'writable, failed write, same tick', w);
  await turns(1);
  probe(lib, log, 'writable, failed write, after error', w);
});

scenario('the readable and writable setters', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  r.readable = false;
  probe(lib, log, 'readable = false', r);
  const d = new lib.Duplex({ read() {}, write: (chunk, encoding, cb) => cb() });
  d.readable = false;
  d.writable = false;
  probe(lib, log, 'duplex, both false', d);
  const w = new lib.Writable({ write: (chunk, encoding, cb) => cb() });
  w.writable = false;
  probe(lib, log, 'writable = false', w);
});

scenario('Duplex.from results and duplexPair sides', async (lib, log) => {
  probe(lib, log, 'from string', lib.Duplex.from('text'));
  probe(lib, log, 'from Writable', lib.Duplex.from(new lib.Writable({ write: (chunk, encoding, cb) => cb() })));
  probe(lib, log, 'from async function', lib.Duplex.from(async (source) => {
    for await (const _ of source);
  }));
  const [a, b] = lib.duplexPair();
  a.end();
  probe(lib, log, 'pair side ended', a);
  b.resume();
  await turns();
  probe(lib, log, 'pair, other side after end', b);
});

scenario('web ReadableStreams: fresh, read, closed, errored, cancelled', async (lib, log) => {
  let control;
  const fresh = new ReadableStream({ start: (c) => { control = c; } });
  probe(lib, log, 'fresh', fresh);
  control.enqueue('a');
  const reader = fresh.getReader();
  probe(lib, log, 'locked', fresh);
  await reader.read();
  probe(lib, log, 'read', fresh);
  control.close();
  probe(lib, log, 'closed', fresh);

  const errored = new ReadableStream({ start: (c) => c.error(new Error('web boom')) });
  probe(lib, log, 'errored', errored);

  const cancelled = new ReadableStream();
  await cancelled.cancel();
  probe(lib, log, 'cancelled', cancelled);
});

scenario('web WritableStreams: fresh, written, closed, aborted, errored', async (lib, log) => {
  const fresh = new WritableStream();
  probe(lib, log, 'fresh', fresh);
  const writer = fresh.getWriter();
  await writer.write('x');
  probe(lib, log, 'written', fresh);
  await writer.close();
  probe(lib, log, 'closed', fresh);

  const aborted = new WritableStream();
  await aborted.abort(new Error('stop'));
  probe(lib, log, 'aborted', aborted);

  const errored = new WritableStream({ start: (c) => c.error(new Error('web boom')) });
  await immediate();
  probe(lib, log, 'errored', errored);
  probe(lib, log, 'TransformStream', new TransformStream());
});

scenario('the web streams of toWeb', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  const rs = lib.Readable.toWeb(r);
  probe(lib, log, 'toWeb readable', rs);
  r.destroy(new Error('node side failed'));
  await turns();
  probe(lib, log, 'toWeb readable, source errored', rs);
  const ws = lib.Writable.toWeb(new lib.Writable({ write: (chunk, encoding, cb) => cb() }));
  probe(lib, log, 'toWeb writable', ws);
});

scenario('values that are not streams', async (lib, log) => {
  const values = {
    null: null,
    undefined,
    number: 42,
    string: 'text',
    'empty object': {},
    'readable: true': { readable: true },
    'writable: true': { writable: true },
    'stream-like with write and on': { writable: true, write() {}, on() {} },
    'stream-like with pipe and on': { readable: true, pipe() {}, on() {} },
    'readableDidRead: true': { readableDidRead: true },
    'readableErrored set': { readableErrored: new Error('x') },
    'destroyed with write and on': { destroyed: true, write() {}, on() {} },
  };
  for (const [label, value] of Object.entries(values)) probe(lib, log, label, value);
});

scenario('the nodejs.stream symbols answer first', async (lib, log) => {
  const marked = {
    [Symbol.for('nodejs.stream.readable')]: true,
    [Symbol.for('nodejs.stream.writable')]: false,
    [Symbol.for('nodejs.stream.errored')]: true,
    [Symbol.for('nodejs.stream.disturbed')]: true,
    [Symbol.for('nodejs.stream.destroyed')]: true,
    on() {},
    write() {},
  };
  probe(lib, log, 'marked object', marked);
  const r = new lib.Readable({ read() {} });
  r[Symbol.for('nodejs.stream.errored')] = true;
  r[Symbol.for('nodejs.stream.readable')] = false;
  probe(lib, log, 'marked Readable', r);
});
