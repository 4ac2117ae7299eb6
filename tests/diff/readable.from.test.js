// Readable.from: arrays, strings, Buffers, generators, async generators, errors, pacing.

import { scenario, record, attempt, state, immediate } from './harness.js';

/** Consumes `r` in flowing mode and logs every chunk and the ending events. */
async function drain(r, log) {
  record(r, ['data', 'end', 'error', 'close']);
  for (let i = 0; i < 4; i++) await immediate();
}

scenario('from an array of strings: object mode, one chunk per item', async (lib, log) => {
  const r = lib.Readable.from(['a', 'bb', 'ccc']);
  state('new', r);
  await drain(r, log);
});

scenario('from a string: one chunk', async (lib, log) => {
  const r = lib.Readable.from('hello world');
  state('new', r);
  await drain(r, log);
});

scenario('from an empty string', async (lib, log) => {
  const r = lib.Readable.from('');
  await drain(r, log);
});

scenario('from a Buffer: one chunk', async (lib, log) => {
  const r = lib.Readable.from(Buffer.from('bytes'));
  state('new', r);
  await drain(r, log);
});

scenario('from a Uint8Array', async (lib, log) => {
  const r = lib.Readable.from(new Uint8Array([1, 2, 3]));
  state('new', r);
  await drain(r, log);
});

scenario('from an iterable of Buffers', async (lib, log) => {
  const r = lib.Readable.from([Buffer.from('ab'), Buffer.from('cd')]);
  await drain(r, log);
});

scenario('from an array with objectMode false gives Buffers', async (lib, log) => {
  const r = lib.Readable.from(['ab', 'cd'], { objectMode: false });
  state('new', r);
  await drain(r, log);
});

scenario('from an array with objectMode false and read()', async (lib, log) => {
  const r = lib.Readable.from(['ab', 'cd'], { objectMode: false });
  record(r);
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
  attempt('read()', () => r.read());
  await immediate();
});

scenario('from with a highWaterMark option', async (lib, log) => {
  const r = lib.Readable.from([1, 2, 3, 4], { highWaterMark: 2 });
  state('new', r);
  await drain(r, log);
});

scenario('from a generator', async (lib, log) => {
  function* gen() {
    log('gen start');
    yield 'x';
    log('gen after x');
    yield 'y';
    log('gen end');
  }
  const r = lib.Readable.from(gen());
  await drain(r, log);
});

scenario('from an async generator', async (lib, log) => {
  async function* gen() {
    log('gen start');
    yield 1;
    await immediate();
    yield 2;
    log('gen end');
  }
  const r = lib.Readable.from(gen());
  await drain(r, log);
});

scenario('from an empty array ends right away', async (lib, log) => {
  const r = lib.Readable.from([]);
  await drain(r, log);
  state('settled', r);
});

scenario('from a generator that throws', async (lib, log) => {
  function* gen() {
    yield 'a';
    throw new Error('gen threw');
  }
  const r = lib.Readable.from(gen());
  await drain(r, log);
  state('settled', r);
});

scenario('from an async generator that throws before yielding', async (lib, log) => {
  // eslint-disable-next-line require-yield -- a generator that throws before its first yield
  async function* gen() {
    throw new Error('async gen threw');
  }
  const r = lib.Readable.from(gen());
  await drain(r, log);
  state('settled', r);
});

scenario('from a generator that throws, without an error listener', async (lib, log) => {
  // eslint-disable-next-line require-yield -- a generator that throws before its first yield
  function* gen() {
    throw new Error('nobody listens');
  }
  const r = lib.Readable.from(gen());
  record(r, ['close']);
  r.resume();
  for (let i = 0; i < 3; i++) await immediate();
});

scenario('from an array containing null emits ERR_STREAM_NULL_VALUES', async (lib, log) => {
  const r = lib.Readable.from(['a', null, 'b']);
  await drain(r, log);
});

scenario('from an iterable of promises awaits each one', async (lib, log) => {
  const r = lib.Readable.from([Promise.resolve('p1'), 'plain', Promise.resolve('p2')]);
  await drain(r, log);
});

scenario('from an iterable with a rejected promise', async (lib, log) => {
  const rejected = Promise.reject(new Error('rejected item'));
  rejected.catch(() => {});
  const r = lib.Readable.from(['a', rejected, 'b']);
  await drain(r, log);
});

scenario('from invalid values throws ERR_INVALID_ARG_TYPE', async (lib, log) => {
  for (const [label, value] of [
    ['null', null],
    ['undefined', undefined],
    ['number', 42],
    ['object', {}],
  ]) {
    attempt(`from ${label}`, () => typeof lib.Readable.from(value));
  }
  await immediate();
});

scenario('from a Set and a Map', async (lib, log) => {
  await drain(lib.Readable.from(new Set(['s1', 's2'])), log);
  await drain(lib.Readable.from(new Map([['k', 'v']])), log);
});

scenario('from a custom sync iterable', async (lib, log) => {
  const iterable = {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() {
          i++;
          log('next', i);
          return i <= 2 ? { value: `v${i}`, done: false } : { value: undefined, done: true };
        },
        return() {
          log('return called');
          return { done: true };
        },
      };
    },
  };
  await drain(lib.Readable.from(iterable), log);
});

scenario('from a custom async iterable', async (lib, log) => {
  const iterable = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        async next() {
          i++;
          log('next', i);
          return i <= 2 ? { value: `v${i}`, done: false } : { value: undefined, done: true };
        },
      };
    },
  };
  await drain(lib.Readable.from(iterable), log);
});

scenario('from pulls lazily, running ahead by highWaterMark', async (lib, log) => {
  function* gen() {
    for (let i = 1; i <= 5; i++) {
      log('yield', i);
      yield i;
    }
  }
  const r = lib.Readable.from(gen(), { highWaterMark: 2 });
  await immediate();
  log('length', r.readableLength);
  attempt('read()', () => r.read());
  await immediate();
  log('length', r.readableLength);
  r.on('data', (d) => log('data', d));
  await immediate();
});

scenario('destroying a from-stream closes the generator', async (lib, log) => {
  function* gen() {
    try {
      yield 'a';
      yield 'b';
      yield 'c';
    } finally {
      log('generator finally');
    }
  }
  const r = lib.Readable.from(gen());
  record(r);
  r.once('data', (d) => {
    log('data', d);
    r.destroy();
  });
  for (let i = 0; i < 3; i++) await immediate();
  state('settled', r);
});

scenario('destroying a from-stream with an error closes the async generator', async (lib, log) => {
  async function* gen() {
    try {
      yield 'a';
      await immediate();
      yield 'b';
    } finally {
      log('generator finally');
    }
  }
  const r = lib.Readable.from(gen());
  record(r);
  r.once('data', () => r.destroy(new Error('stop')));
  for (let i = 0; i < 4; i++) await immediate();
});

scenario('break in for await over a from-stream returns the generator', async (lib, log) => {
  function* gen() {
    try {
      yield 1;
      yield 2;
    } finally {
      log('generator finally');
    }
  }
  const r = lib.Readable.from(gen());
  record(r);
  for await (const v of r) {
    log('value', v);
    break;
  }
  await immediate();
  state('settled', r);
});

scenario('from a Readable iterates it', async (lib, log) => {
  const src = new lib.Readable({ read() {} });
  src.push('a');
  src.push('b');
  src.push(null);
  const r = lib.Readable.from(src);
  log('same stream', r === src);
  await drain(r, log);
});

scenario('from with a signal option', async (lib, log) => {
  const ac = new AbortController();
  async function* gen() {
    yield 'a';
    await immediate();
    yield 'b';
  }
  const r = lib.Readable.from(gen(), { signal: ac.signal });
  record(r, ['data', 'end', 'error', 'close']);
  r.once('data', () => ac.abort());
  for (let i = 0; i < 4; i++) await immediate();
});

scenario('from with objectMode false and a number item', async (lib, log) => {
  const r = lib.Readable.from([1], { objectMode: false });
  await drain(r, log);
});

scenario('from a string with objectMode false', async (lib, log) => {
  const r = lib.Readable.from('str', { objectMode: false });
  await drain(r, log);
});

scenario('from with an encoding option', async (lib, log) => {
  const r = lib.Readable.from([Buffer.from('e282', 'hex'), Buffer.from('ac', 'hex')], {
    objectMode: false,
    encoding: 'utf8',
  });
  await drain(r, log);
});

scenario('from a generator that yields undefined', async (lib, log) => {
  function* gen() {
    yield undefined;
    yield 'after';
  }
  await drain(lib.Readable.from(gen()), log);
});

scenario('Readable.from results are instances of Readable', async (lib, log) => {
  const r = lib.Readable.from(['x']);
  log('instanceof', r instanceof lib.Readable);
  r.resume();
  await immediate();
});
