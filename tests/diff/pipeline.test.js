// pipeline (callback form, and lib.promises.pipeline): every kind of stage, errors in every
// position, when the callback runs relative to the stages' events, what is destroyed, aborts
// through a signal, bad arguments and the return value.

import { scenario, attempt, tick } from './harness.js';
import { watch, source, sink, upper, fates, turns, settle } from './pipeline.helpers.js';

/** A pipeline callback that logs ['callback', err, value] each time it is called. */
function callback(log) {
  return (err, value) => log('callback', err ?? null, value);
}

// ---- stage kinds ----

scenario('Readable -> Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('Readable -> Transform -> Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('Readable -> PassThrough -> PassThrough -> Writable', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const p1 = watch(log, 'p1', new lib.PassThrough());
  const p2 = watch(log, 'p2', new lib.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, p1, p2, w, callback(log));
  await turns();
  fates(log, { r, p1, p2, w });
});

scenario('Readable -> Duplex -> Writable', async (lib, log) => {
  const r = source(lib);
  const d = watch(log, 'd', new lib.Duplex({
    write(chunk, encoding, cb) {
      this.push(`<${chunk}>`);
      cb();
    },
    final(cb) {
      this.push(null);
      cb();
    },
    read() {},
  }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, d, w, callback(log));
  await turns();
  fates(log, { d, w });
});

scenario('Duplex as the source', async (lib, log) => {
  const d = watch(log, 'd', new lib.Duplex({
    read() {
      this.push('from duplex');
      this.push(null);
    },
    write(chunk, encoding, cb) {
      cb();
    },
  }));
  const w = sink(lib, log);
  lib.pipeline(d, w, callback(log));
  await turns();
  fates(log, { d });
});

scenario('array source -> Writable', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(['x', 'y', 'z'], w, callback(log));
  await turns();
});

scenario('string source is iterated by character', async (lib, log) => {
  const w = sink(lib, log);
  lib.pipeline('abc', w, callback(log));
  await turns();
});

scenario('generator object source -> objectMode Writable', async (lib, log) => {
  function* numbers() {
    for (let i = 1; i <= 3; i++) yield i;
  }
  const w = watch(log, 'w', sink(lib, log, 'sink', { objectMode: true }));
  lib.pipeline(numbers(), w, callback(log));
  await turns();
});

scenario('generator function as source receives { signal }', async (lib, log) => {
  const w = sink(lib, log);
  lib.pipeline(function* (options) {
    log('source called', Object.keys(options), options.signal instanceof AbortSignal, options.signal.aborted);
    yield 'one';
    yield 'two';
  }, w, callback(log));
  await turns();
});

scenario('async generator function as source, its signal aborted once the pipeline is done', async (lib, log) => {
  let signal;
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(async function* (options) {
    signal = options.signal;
    yield 'one';
    await tick();
    yield 'two';
  }, w, callback(log));
  await turns();
  log('signal aborted', signal.aborted, signal.reason);
});

scenario('async generator object as source', async (lib, log) => {
  async function* gen() {
    yield 'p';
    yield 'q';
  }
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(gen(), w, callback(log));
  await turns();
});

scenario('async generator function as a middle transform', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, async function* (stream, options) {
    log('transform called', Object.keys(options), options.signal.aborted);
    for await (const chunk of stream) yield String(chunk).repeat(2);
  }, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('two async generator transforms between an array and a Writable', async (lib, log) => {
  const w = sink(lib, log);
  lib.pipeline(
    ['a', 'b'],
    async function* (s) { for await (const c of s) yield c + '1'; },
    async function* (s) { for await (const c of s) yield c + '2'; },
    w,
    callback(log),
  );
  await turns();
});

scenario('async function as destination: its value goes to the callback', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  lib.pipeline(r, async (stream) => {
    let text = '';
    for await (const chunk of stream) text += chunk;
    log('consumed', text);
    return text.length;
  }, callback(log));
  await turns();
  fates(log, { r });
});

scenario('a function returning a promise as destination', async (lib, log) => {
  lib.pipeline(['a'], () => Promise.resolve({ done: true }), callback(log));
  await turns();
});

scenario('destination promise resolving to null: callback value null', async (lib, log) => {
  const pt = lib.pipeline(['a'], () => Promise.resolve(null), callback(log));
  pt.on('data', (d) => log('pt data', d));
  watch(log, 'pt', pt);
  await turns();
});

scenario('async generator function as destination: returns a readable PassThrough', async (lib, log) => {
  const pt = lib.pipeline(source(lib), async function* (s) {
    for await (const c of s) yield `[${c}]`;
  }, callback(log));
  log('returned', pt instanceof lib.PassThrough, pt.readableObjectMode);
  watch(log, 'pt', pt);
  pt.on('data', (d) => log('pt data', d));
  await turns();
});

scenario('promises.pipeline resolves with the last function value', async (lib, log) => {
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib), async (s) => {
    const chunks = [];
    for await (const c of s) chunks.push(String(c));
    return chunks.join('+');
  }));
});

scenario('promises.pipeline over streams resolves with undefined', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib), upper(lib), w));
});

scenario('promises.pipeline with an array of stages', async (lib, log) => {
  const w = sink(lib, log);
  await settle(log, 'pipeline', lib.promises.pipeline([source(lib), upper(lib), w]));
});

// ---- web streams ----

scenario('ReadableStream source -> Writable', async (lib, log) => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('w1');
      c.enqueue('w2');
      c.close();
    },
  });
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(rs, w, callback(log));
  await turns();
  log('locked', rs.locked);
});

scenario('Readable -> TransformStream -> Writable', async (lib, log) => {
  const ts = new TransformStream({
    transform(chunk, c) {
      c.enqueue(`t(${chunk})`);
    },
  });
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(source(lib), ts, w, callback(log));
  await turns(5);
});

scenario('Readable -> WritableStream destination', async (lib, log) => {
  const ws = new WritableStream({
    write(chunk) {
      log('ws write', String(chunk));
    },
    close() {
      log('ws close');
    },
  });
  const ret = lib.pipeline(source(lib), ws, callback(log));
  log('returned the WritableStream', ret === ws);
  await turns(5);
});

scenario('array -> TransformStream -> WritableStream', async (lib, log) => {
  const ts = new TransformStream({
    transform(chunk, c) {
      c.enqueue(chunk * 10);
    },
  });
  const ws = new WritableStream({
    write(chunk) {
      log('ws write', chunk);
    },
  });
  await settle(log, 'pipeline', lib.promises.pipeline([1, 2], ts, ws));
});

scenario('ReadableStream source -> async function destination', async (lib, log) => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('x');
      c.close();
    },
  });
  await settle(log, 'pipeline', lib.promises.pipeline(rs, async (s) => {
    for await (const c of s) log('got', c);
    return 'done';
  }));
});

scenario('ReadableStream that errors -> Writable', async (lib, log) => {
  const rs = new ReadableStream({
    pull(c) {
      c.error(new Error('web source failed'));
    },
  });
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(rs, w, callback(log));
  await turns(5);
  fates(log, { w });
});

scenario('Readable -> WritableStream whose write rejects', async (lib, log) => {
  const ws = new WritableStream({
    write() {
      throw new Error('web sink failed');
    },
  });
  const r = watch(log, 'r', source(lib));
  lib.pipeline(r, ws, callback(log));
  await turns(5);
  fates(log, { r });
});

// ---- errors in every position ----

scenario('source error destroys every stage', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({
    read() {
      this.push('first');
      this.destroy(new Error('source failed'));
    },
  }));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('transform error destroys every stage', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', new lib.Transform({
    transform(chunk, encoding, cb) {
      cb(String(chunk) === 'b' ? new Error('transform failed') : null, chunk);
    },
  }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('destination write error destroys every stage', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', new lib.Writable({
    write(chunk, encoding, cb) {
      log('w write', String(chunk));
      cb(new Error('destination failed'));
    },
  }));
  lib.pipeline(r, t, w, callback(log));
  await turns();
  fates(log, { r, t, w });
});

scenario('destination final error', async (lib, log) => {
  const r = watch(log, 'r', source(lib, ['only']));
  const w = watch(log, 'w', new lib.Writable({
    write(chunk, encoding, cb) {
      cb();
    },
    final(cb) {
      cb(new Error('final failed'));
    },
  }));
  lib.pipeline(r, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('generator source throws', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(function* () {
    yield 'ok';
    throw new Error('generator failed');
  }, w, callback(log));
  await turns();
  fates(log, { w });
});

scenario('async generator transform throws', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, async function* (s) {
    for await (const c of s) {
      yield c;
      throw new Error('middle generator failed');
    }
  }, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('async destination rejects', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const pt = lib.pipeline(r, async (s) => {
    for await (const c of s) {
      log('got', String(c));
      throw new Error('destination rejected');
    }
  }, callback(log));
  watch(log, 'pt', pt);
  await turns();
  fates(log, { r, pt });
});

scenario('errors in two stages: the first one reaches the callback', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, callback(log));
  r.destroy(new Error('first'));
  w.destroy(new Error('second'));
  await turns();
  fates(log, { r, w });
});

scenario('an error emitted on a stage after a premature close wins', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const t = watch(log, 't', new lib.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  t.destroy();
  await tick();
  r.destroy(new Error('late'));
  await turns();
});

scenario('a stage errors after the pipeline finished (readable last stage)', async (lib, log) => {
  const t = watch(log, 't', new lib.PassThrough());
  lib.pipeline(source(lib, ['a']), t, callback(log));
  t.resume();
  await turns();
  log('error listeners', t.listenerCount('error'));
  t.on('error', () => {});
  t.emit('error', new Error('after'));
  await turns();
});

// ---- the callback and its timing ----

scenario('callback once, after the last stage closed', async (lib, log) => {
  let calls = 0;
  const r = watch(log, 'r', source(lib, ['1']));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, (err) => {
    calls++;
    log('callback', err ?? null, w.closed, r.closed);
  });
  await turns();
  log('calls', calls);
});

scenario('callback with emitClose: false destination (no close event)', async (lib, log) => {
  const r = watch(log, 'r', source(lib, ['1']));
  const w = watch(log, 'w', sink(lib, log, 'sink', { emitClose: false }));
  lib.pipeline(r, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('callback with autoDestroy: false stages', async (lib, log) => {
  const r = watch(log, 'r', source(lib, ['1'], { autoDestroy: false }));
  const w = watch(log, 'w', sink(lib, log, 'sink', { autoDestroy: false }));
  lib.pipeline(r, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('callback is not called synchronously', async (lib, log) => {
  lib.pipeline(source(lib, []), sink(lib, log), callback(log));
  log('after pipeline()');
  await turns();
});

scenario('backpressure: a slow destination reads the source in step', async (lib, log) => {
  let n = 0;
  const r = new lib.Readable({
    highWaterMark: 2,
    read() {
      n++;
      log('read', n);
      this.push(n <= 6 ? `c${n}` : null);
    },
  });
  const w = new lib.Writable({
    highWaterMark: 1,
    write(chunk, encoding, cb) {
      log('write', String(chunk));
      setImmediate(cb);
    },
  });
  lib.pipeline(r, w, callback(log));
  await turns(20);
});

scenario('a source that already ended', async (lib, log) => {
  const r = source(lib, []);
  r.resume();
  await turns();
  log('ended', r.readableEnded);
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, callback(log));
  await turns();
});

// ---- premature close ----

scenario('a middle stage destroyed without error: ERR_STREAM_PREMATURE_CLOSE', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const t = watch(log, 't', new lib.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, t, w, callback(log));
  r.push('before');
  await tick();
  t.destroy();
  await turns();
  fates(log, { r, t, w });
});

scenario('the destination destroyed without error', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, callback(log));
  w.destroy();
  await turns();
  fates(log, { r, w });
});

scenario('the source destroyed without error', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, w, callback(log));
  r.destroy();
  await turns();
  fates(log, { r, w });
});

scenario('the returned PassThrough of a function destination destroyed', async (lib, log) => {
  const pt = lib.pipeline(new lib.Readable({ read() {} }), async function* (s) {
    for await (const c of s) yield c;
  }, callback(log));
  watch(log, 'pt', pt);
  pt.destroy();
  await turns();
});

// ---- { end: false } ----

scenario('promises.pipeline { end: false } leaves the destination open', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib), w, { end: false }));
  log('writableEnded', w.writableEnded, 'destroyed', w.destroyed);
  w.end('more');
  await turns();
});

scenario('{ end: false } with a function destination', async (lib, log) => {
  await settle(log, 'pipeline', lib.promises.pipeline(['a'], async function* (s) {
    for await (const c of s) yield c;
  }, { end: false }));
});

scenario('{ end: false } with a WritableStream destination', async (lib, log) => {
  const ws = new WritableStream({
    write(c) {
      log('ws write', c);
    },
    close() {
      log('ws close');
    },
  });
  await settle(log, 'pipeline', lib.promises.pipeline(['a', 'b'], ws, { end: false }));
  log('locked', ws.locked);
});

// ---- { signal } ----

scenario('signal aborted before: AbortError with the reason as cause', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', sink(lib, log));
  const ac = new AbortController();
  ac.abort(new Error('the reason'));
  try {
    await lib.promises.pipeline(r, w, { signal: ac.signal });
    log('resolved');
  } catch (err) {
    log('rejected', err, err.cause);
  }
  await turns();
  fates(log, { r, w });
});

scenario('signal aborted during the flow', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const t = watch(log, 't', new lib.PassThrough());
  const w = watch(log, 'w', sink(lib, log));
  const ac = new AbortController();
  const p = lib.promises.pipeline(r, t, w, { signal: ac.signal });
  r.push('one');
  await turns(1);
  ac.abort();
  try {
    await p;
  } catch (err) {
    log('rejected', err, err.cause);
  }
  await turns();
  fates(log, { r, t, w });
});

scenario('signal aborted: the async generator source sees its signal aborted', async (lib, log) => {
  const ac = new AbortController();
  const p = lib.promises.pipeline(async function* ({ signal }) {
    signal.addEventListener('abort', () => log('inner signal aborted', signal.reason));
    yield 'a';
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield 'b';
  }, sink(lib, log), { signal: ac.signal });
  await turns(1);
  ac.abort('because');
  await settle(log, 'pipeline', p);
  await turns();
});

scenario('signal that is not an AbortSignal', async (lib, log) => {
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib), sink(lib, log), { signal: 'nope' }));
});

// ---- bad arguments ----

scenario('pipeline() without arguments', async (lib) => {
  attempt('pipeline', () => lib.pipeline());
});

scenario('pipeline without a callback', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(source(lib), sink(lib, log)));
});

scenario('pipeline with a non-function last argument', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(source(lib), sink(lib, log), { not: 'a function' }));
});

scenario('pipeline with one stream: ERR_MISSING_ARGS', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(source(lib), callback(log)));
  attempt('array of one', () => lib.pipeline([source(lib)], callback(log)));
  await turns();
});

scenario('promises.pipeline with one stream rejects ERR_MISSING_ARGS', async (lib, log) => {
  await settle(log, 'pipeline', lib.promises.pipeline(source(lib)));
});

scenario('source function returning a non-iterable: ERR_INVALID_RETURN_VALUE', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(() => 42, sink(lib, log), callback(log)));
  await turns();
});

scenario('middle function returning a sync iterable: ERR_INVALID_RETURN_VALUE', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(['a'], () => ['b'], sink(lib, log), callback(log)));
  await turns();
});

scenario('last function returning a number: ERR_INVALID_RETURN_VALUE', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(['a'], () => 42, callback(log)));
  await turns();
});

scenario('a destroyed destination: ERR_STREAM_UNABLE_TO_PIPE', async (lib, log) => {
  const w = sink(lib, log);
  w.destroy();
  const r = watch(log, 'r', source(lib));
  attempt('pipeline', () => lib.pipeline(r, w, callback(log)));
  await turns();
  fates(log, { r });
});

scenario('a closed middle stage: ERR_STREAM_UNABLE_TO_PIPE', async (lib, log) => {
  const t = new lib.PassThrough();
  t.destroy();
  await turns();
  attempt('pipeline', () => lib.pipeline(source(lib), t, sink(lib, log), callback(log)));
  await turns();
});

scenario('a number as source', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(42, sink(lib, log), callback(log)));
  await turns();
});

scenario('a plain object as middle stage', async (lib, log) => {
  attempt('pipeline', () => lib.pipeline(source(lib), { a: 1 }, sink(lib, log), callback(log)));
  await turns();
});

// ---- the return value ----

scenario('returns the last stream', async (lib, log) => {
  const w = sink(lib, log);
  const t = upper(lib);
  log('writable last', lib.pipeline(source(lib), w, callback(log)) === w);
  const ret = lib.pipeline(source(lib, ['z']), t, callback(log));
  log('transform last', ret === t);
  ret.on('data', (d) => log('data', String(d)));
  await turns();
});

scenario('an array of streams as the one argument', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const t = watch(log, 't', upper(lib));
  const w = watch(log, 'w', sink(lib, log));
  const ret = lib.pipeline([r, t, w], callback(log));
  log('returned last', ret === w);
  await turns();
});

scenario('the callback is called without a this', async (lib, log) => {
  lib.pipeline(['a'], sink(lib, log), function () {
    log('this is undefined', this === undefined);
  });
  await turns();
});

// ---- edge cases ----

scenario('source ended (push(null) unread) then destroyed before its end', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({ read() {} }));
  const w = watch(log, 'w', sink(lib, log));
  r.push(null);
  lib.pipeline(r, w, callback(log));
  r.destroy();
  await turns();
  fates(log, { r, w });
});

scenario('an already destroyed source', async (lib, log) => {
  const r = source(lib);
  r.destroy();
  await turns();
  const w = watch(log, 'w', sink(lib, log));
  attempt('pipeline', () => lib.pipeline(r, w, callback(log)));
  await turns();
  fates(log, { w });
});

scenario('numbers from an array into a byte Writable: the write throws', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline([1, 2], w, callback(log));
  await turns();
  fates(log, { w });
});

scenario('a generator source yielding promises', async (lib, log) => {
  const w = sink(lib, log, 'sink', { objectMode: true });
  lib.pipeline(function* () {
    yield Promise.resolve('resolved value');
    yield 'plain';
  }, w, callback(log));
  await turns();
});

scenario('a source function returning a Readable', async (lib, log) => {
  const w = sink(lib, log);
  lib.pipeline(() => source(lib, ['from function']), w, callback(log));
  await turns();
});

scenario('a middle function returning a Readable', async (lib, log) => {
  const w = sink(lib, log);
  lib.pipeline(['ignored'], () => source(lib, ['replaced']), w, callback(log));
  await turns();
});

scenario('a last function returning a ReadableStream', async (lib, log) => {
  const pt = lib.pipeline(['a'], () => new ReadableStream({
    start(c) {
      c.enqueue('web 1');
      c.enqueue('web 2');
      c.close();
    },
  }), callback(log));
  pt.on('data', (d) => log('pt data', d));
  await turns(5);
});

scenario('a last function returning a custom async iterable', async (lib, log) => {
  const pt = lib.pipeline(['a'], () => ({
    async *[Symbol.asyncIterator]() {
      yield 'custom';
    },
  }), callback(log));
  pt.on('data', (d) => log('pt data', d));
  await turns();
});

scenario('the PassThrough of a function destination piped on', async (lib, log) => {
  const w = watch(log, 'w', sink(lib, log, 'sink', { objectMode: true }));
  lib.pipeline(source(lib), async function* (s) {
    for await (const c of s) yield { chunk: String(c) };
  }, callback(log)).pipe(w);
  await turns();
});

scenario('a ReadableStream source cancelled when the destination fails', async (lib, log) => {
  const rs = new ReadableStream({
    pull(c) {
      c.enqueue('chunk');
    },
    cancel(reason) {
      log('cancelled', reason);
    },
  }, { highWaterMark: 0 });
  const w = watch(log, 'w', new lib.Writable({
    write(chunk, e, cb) {
      cb(new Error('no more'));
    },
  }));
  lib.pipeline(rs, w, callback(log));
  await turns(5);
});

scenario('signal aborted: a WritableStream destination is aborted', async (lib, log) => {
  const ws = new WritableStream({
    write(c) {
      log('ws write', String(c));
    },
    abort(reason) {
      log('ws abort', reason);
    },
  });
  const r = new lib.Readable({ read() {} });
  const ac = new AbortController();
  const p = lib.promises.pipeline(r, ws, { signal: ac.signal });
  r.push('one');
  await turns(2);
  ac.abort();
  await settle(log, 'pipeline', p);
});

scenario('a Readable as the destination', async (lib, log) => {
  const r2 = new lib.Readable({ read() {} });
  attempt('pipeline', () => lib.pipeline(source(lib), r2, callback(log)));
  await turns();
});

scenario('the callback throws', async (lib, log) => {
  lib.pipeline(['a'], sink(lib, log), () => {
    log('callback');
    throw new Error('from callback');
  });
  await turns();
});

scenario('readable last stage with { end: false }', async (lib, log) => {
  const t = watch(log, 't', new lib.PassThrough());
  const p = lib.promises.pipeline(source(lib), t, { end: false });
  t.on('data', (d) => log('data', String(d)));
  await settle(log, 'pipeline', p);
  log('t', t.writableEnded, t.destroyed);
});

scenario('a middle function that does not consume its source', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, async function* () {
    yield 'own';
  }, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('a middle async generator that breaks early', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({
    read() {
      this.push('x');
    },
  }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, async function* (s) {
    for await (const c of s) {
      yield c;
      break;
    }
  }, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('async iteration source and events interleaved', async (lib, log) => {
  const r = watch(log, 'r', new lib.Readable({
    read() {},
  }));
  const w = watch(log, 'w', sink(lib, log));
  lib.pipeline(r, async function* (s) {
    for await (const c of s) {
      log('generator got', String(c));
      yield c;
    }
    log('generator done');
  }, w, callback(log));
  r.push('1');
  await tick();
  r.push('2');
  r.push(null);
  await turns();
});

scenario('a destination whose _construct fails', async (lib, log) => {
  const r = watch(log, 'r', source(lib));
  const w = watch(log, 'w', new lib.Writable({
    construct(cb) {
      setImmediate(() => cb(new Error('construct failed')));
    },
    write(c, e, cb) {
      log('write', String(c));
      cb();
    },
  }));
  lib.pipeline(r, w, callback(log));
  await turns();
  fates(log, { r, w });
});

scenario('a slow _construct in the middle', async (lib, log) => {
  const t = watch(log, 't', new lib.PassThrough({
    construct(cb) {
      log('constructing');
      setImmediate(cb);
    },
  }));
  lib.pipeline(source(lib), t, sink(lib, log), callback(log));
  await turns(5);
});

scenario('duplexPair ends as source and destination', async (lib, log) => {
  const [a, b] = lib.duplexPair();
  watch(log, 'a', a);
  watch(log, 'b', b);
  lib.pipeline(source(lib, ['over the pair']), a, callback(log));
  lib.pipeline(b, sink(lib, log), (err) => log('second callback', err ?? null));
  await turns();
});

scenario('a { readable, writable } pair of streams as a stage', async (lib, log) => {
  const pt = new lib.PassThrough();
  attempt('pipeline', () => lib.pipeline(source(lib), { readable: pt, writable: pt }, callback(log)));
  await turns();
});
