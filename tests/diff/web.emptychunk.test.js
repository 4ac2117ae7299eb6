// Readable.toWeb at highWaterMark 0 after an empty chunk pushed from a later turn, in every form
// of issue 16: the highWaterMark given as the Readable's option or as the web strategy's, the
// chunk empty or a base64 string that decodes to nothing, read by async iteration, a reader or
// pipeTo. Node's adapter ends; the bridge used to stop at the empty chunk and never end
// (tests/diff/web.emptypush.test.js has the case the bridge fuzzer found).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from '../../dist/highwater.mjs';
import { scenario } from './harness.js';

/** A Readable whose first `_read` answers `push(...first)` and the second the end, each a turn later. */
function source(lib, highWaterMark, first) {
  let produced = 0;
  return new lib.Readable({
    highWaterMark,
    read() {
      const k = produced++;
      setImmediate(() => (k ? this.push(null) : this.push(...first())));
    },
  });
}

const forms = {
  'an empty Buffer, highWaterMark 0': (lib) => lib.Readable.toWeb(source(lib, 0, () => [Buffer.alloc(0)])),
  'an empty Buffer, strategy highWaterMark 0': (lib) =>
    lib.Readable.toWeb(source(lib, undefined, () => [Buffer.alloc(0)]), { strategy: { highWaterMark: 0 } }),
  "'=' in base64, highWaterMark 0": (lib) => lib.Readable.toWeb(source(lib, 0, () => ['=', 'base64'])),
  "'=' in base64, strategy highWaterMark 0": (lib) =>
    lib.Readable.toWeb(source(lib, 16, () => ['=', 'base64']), { strategy: { highWaterMark: 0 } }),
};

const consumers = {
  'for await': async (web) => {
    const got = [];
    for await (const chunk of web) got.push(chunk.length);
    return got;
  },
  'pipeTo': async (web) => {
    const got = [];
    await web.pipeTo(new WritableStream({ write(chunk) { got.push(chunk.length); } }));
    return got;
  },
};

for (const [form, make] of Object.entries(forms)) {
  for (const [how, consume] of Object.entries(consumers)) {
    scenario(`Readable.toWeb: ${form}, then the end, read by ${how}`, async (lib, log) => {
      const stuck = new Promise((resolve) => setTimeout(() => resolve('stuck'), 300));
      log(how, await Promise.race([consume(make(lib)), stuck]));
    });
  }
}

// The bridge fuzzer's seed-21290 and seed-215: a synchronous `_read` answering with empty chunks
// (at the start, or after a chunk), at the default highWaterMark. Node's adapter resumes a flowing
// stream on each pull, and the ticks its earlier chunks left read again: it gets through three
// empty chunks at the start and four after a chunk (up to nine after three chunks, with a
// strategy of highWaterMark 0). The bridge stopped at three (21290), then at four after a chunk
// (215).
for (const [where, first] of [['at the start', 0], ['after a chunk', 1]]) {
  for (const empties of first ? [1, 2, 3, 4] : [1, 2, 3]) {
    scenario(`Readable.toWeb: ${empties} empty chunk(s) ${where} from a synchronous _read, then the end`, async (lib, log) => {
      let produced = 0;
      const r = new lib.Readable({
        read() {
          const k = produced++;
          this.push(k < first ? Buffer.from('chunk') : k < first + empties ? Buffer.alloc(0) : null);
        },
      });
      const reader = lib.Readable.toWeb(r).getReader();
      const stuck = new Promise((resolve) => setTimeout(() => resolve('stuck'), 300));
      const got = [];
      const all = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return got;
          got.push(value.length);
        }
      })();
      log('read', await Promise.race([all, stuck]));
    });
  }
}

/** Reads `Readable.toWeb` of a synchronous source: `chunks` data chunks, then `empties` empty ones, then the end. */
async function readAll(chunks, empties, options) {
  let produced = 0;
  const r = new Readable({
    ...options,
    read() {
      const k = produced++;
      this.push(k < chunks ? Buffer.from('chunk') : k < chunks + empties ? Buffer.alloc(0) : null);
    },
  });
  const reader = Readable.toWeb(r).getReader();
  const stuck = new Promise((resolve) => setTimeout(() => resolve('stuck'), 300));
  const all = (async () => {
    for (;;) if ((await reader.read()).done) return 'done';
  })();
  return Promise.race([all, stuck]);
}

// Where Node's adapter stalls sooner or later (how far it gets depends on its ticks), a waiting
// pull reads on through up to 16 empty chunks in a row (the core's WEB_EMPTY_READS), in every form.
test('Readable.toWeb: up to 16 empty chunks in a row from a synchronous _read, in every form, then the end', async () => {
  for (const chunks of [0, 1, 3]) {
    for (const options of [{}, { highWaterMark: 0 }]) {
      assert.equal(await readAll(chunks, 16, options), 'done', `${chunks} chunk(s), then 16 empty ones, ${JSON.stringify(options)}`);
    }
  }
});

// A source that answers every `_read` with an empty chunk asks for no further read (Node's docs):
// the waiting pull stops after 16 of them and waits for a push, without spinning.
test('Readable.toWeb: a source answering every _read with an empty chunk gets 17 reads, then waits', async () => {
  let reads = 0;
  const r = new Readable({ read() { reads++; this.push(Buffer.alloc(0)); } });
  const reader = Readable.toWeb(r).getReader();
  const read = reader.read();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(reads >= 17 && reads <= 20, `${reads} reads`);
  r.push('late');
  assert.equal((await read).value.length, 4, 'a later push settles the pull');
});
