// Argument checks of the WHATWG adapters: the same error name, code and message as Node's.

import { scenario, attempt } from './harness.js';

/** Values that are neither streams nor web streams. */
const notStreams = [
  ['a number', 1],
  ['null', null],
  ['undefined', undefined],
  ['a string', 'stream'],
  ['a plain object', {}],
];

for (const [what, value] of notStreams) {
  scenario(`Readable.toWeb of ${what} throws ERR_INVALID_ARG_TYPE`, async (lib) => {
    attempt('toWeb', () => lib.Readable.toWeb(value));
  });

  scenario(`Readable.fromWeb of ${what} throws ERR_INVALID_ARG_TYPE`, async (lib) => {
    attempt('fromWeb', () => lib.Readable.fromWeb(value));
  });

  scenario(`Writable.toWeb of ${what} throws ERR_INVALID_ARG_TYPE`, async (lib) => {
    attempt('toWeb', () => lib.Writable.toWeb(value));
  });

  scenario(`Writable.fromWeb of ${what} throws ERR_INVALID_ARG_TYPE`, async (lib) => {
    attempt('fromWeb', () => lib.Writable.fromWeb(value));
  });

  scenario(`Duplex.toWeb of ${what} throws ERR_INVALID_ARG_TYPE`, async (lib) => {
    attempt('toWeb', () => lib.Duplex.toWeb(value));
  });

  scenario(`Duplex.fromWeb of ${what} throws`, async (lib) => {
    attempt('fromWeb', () => lib.Duplex.fromWeb(value));
  });
}

scenario('Readable.toWeb of a Writable throws ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('toWeb', () => lib.Readable.toWeb(new lib.Writable()));
});

scenario('Writable.toWeb of a Readable throws ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('toWeb', () => lib.Writable.toWeb(new lib.Readable()));
});

scenario('Readable.fromWeb of a WritableStream throws ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('fromWeb', () => lib.Readable.fromWeb(new WritableStream()));
});

scenario('Writable.fromWeb of a ReadableStream throws ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('fromWeb', () => lib.Writable.fromWeb(new ReadableStream()));
});

scenario('Readable.toWeb options: null and a number throw ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('options null', () => lib.Readable.toWeb(new lib.Readable(), null));
  attempt('options 1', () => lib.Readable.toWeb(new lib.Readable(), 1));
});

scenario("Readable.toWeb options.type other than 'bytes' throws ERR_INVALID_ARG_VALUE", async (lib) => {
  for (const type of ['byob', 'Bytes', 1, null, 'default']) {
    attempt(`type ${String(type)}`, () => lib.Readable.toWeb(new lib.Readable(), { type }));
  }
});

scenario("Readable.toWeb options.type 'bytes' and undefined are accepted", async (lib, log) => {
  for (const type of ['bytes', undefined]) {
    const stream = lib.Readable.toWeb(new lib.Readable(), { type });
    log(`type ${type}`, stream instanceof ReadableStream);
  }
});

scenario('Readable.fromWeb options: null, a bad encoding, a non-boolean objectMode', async (lib) => {
  attempt('options null', () => lib.Readable.fromWeb(new ReadableStream(), null));
  attempt('encoding bogus', () => lib.Readable.fromWeb(new ReadableStream(), { encoding: 'bogus' }));
  attempt('objectMode 1', () => lib.Readable.fromWeb(new ReadableStream(), { objectMode: 1 }));
});

scenario('Writable.fromWeb options: null, non-boolean objectMode and decodeStrings', async (lib) => {
  attempt('options null', () => lib.Writable.fromWeb(new WritableStream(), null));
  attempt('objectMode 1', () => lib.Writable.fromWeb(new WritableStream(), { objectMode: 1 }));
  attempt("decodeStrings 'yes'", () => lib.Writable.fromWeb(new WritableStream(), { decodeStrings: 'yes' }));
});

scenario('Writable.fromWeb of a locked stream throws ERR_INVALID_STATE', async (lib) => {
  const web = new WritableStream();
  web.getWriter();
  attempt('fromWeb', () => lib.Writable.fromWeb(web));
});

scenario('Duplex.fromWeb of a pair with a missing or wrong side', async (lib) => {
  attempt('no writable', () => lib.Duplex.fromWeb({ readable: new ReadableStream() }));
  attempt('no readable', () => lib.Duplex.fromWeb({ writable: new WritableStream() }));
  attempt('swapped', () => lib.Duplex.fromWeb({ readable: new WritableStream(), writable: new ReadableStream() }));
});

scenario('Duplex.toWeb of a Readable or a Writable throws ERR_INVALID_ARG_TYPE', async (lib) => {
  attempt('Readable', () => lib.Duplex.toWeb(new lib.Readable()));
  attempt('Writable', () => lib.Duplex.toWeb(new lib.Writable()));
});

scenario('the adapters as statics of Transform and PassThrough', async (lib, log) => {
  for (const name of ['Transform', 'PassThrough']) {
    log(name, typeof lib[name].toWeb, typeof lib[name].fromWeb);
  }
});

scenario('Readable.toWeb strategy.highWaterMark: invalid values throw ERR_INVALID_ARG_VALUE', async (lib) => {
  for (const highWaterMark of [-1, 'x', NaN]) {
    attempt(`highWaterMark ${String(highWaterMark)}`, () => lib.Readable.toWeb(new lib.Readable(), { strategy: { highWaterMark } }) instanceof ReadableStream);
  }
});

scenario('Readable.toWeb strategy.highWaterMark: 0, fractions and Infinity are accepted', async (lib) => {
  for (const highWaterMark of [0, 1, 2.5, Infinity]) {
    attempt(`highWaterMark ${highWaterMark}`, () => lib.Readable.toWeb(new lib.Readable(), { strategy: { highWaterMark } }) instanceof ReadableStream);
  }
  attempt('strategy null', () => lib.Readable.toWeb(new lib.Readable(), { strategy: null }) instanceof ReadableStream);
});
