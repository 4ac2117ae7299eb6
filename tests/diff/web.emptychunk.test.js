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
// stream on each pull, whose `resume_` reads twice (`read(0)`, then another when that one ended);
// its flowing loop adds reads after a chunk. It gets through three empty chunks at the start and
// four after a chunk. The bridge stopped at three (21290), then at four after a chunk (215).
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

// Four at the start: Node's adapter stalls there (its fourth empty chunk is answered by no further
// read); the bridge, whose every waiting pull reads as `resume_` does, gets through. Five stall both.
test('Readable.toWeb: 4 empty chunks at the start from a synchronous _read, then the end', async () => {
  let produced = 0;
  const r = new Readable({ read() { this.push(produced++ < 4 ? Buffer.alloc(0) : null); } });
  const reader = Readable.toWeb(r).getReader();
  const stuck = new Promise((resolve) => setTimeout(() => resolve('stuck'), 300));
  assert.equal(await Promise.race([reader.read().then(({ done }) => (done ? 'done' : 'chunk')), stuck]), 'done');
});
