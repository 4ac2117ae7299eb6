// Readable.toWeb of a source whose _read answers with an empty chunk (from a later turn), found
// by the bridge fuzzer (tests/fuzz/bridge/cases/seed-19.json): a web reader's pull waits for data
// as a flowing consumer does, so reading goes on after a push that added nothing; with a
// highWaterMark of 0 the bridge used to stop there and never end.

import { scenario, immediate } from './harness.js';

for (const highWaterMark of [0, 1, 16]) {
  scenario(`Readable.toWeb: an empty chunk, then the end, highWaterMark ${highWaterMark}`, async (lib, log) => {
    let produced = 0;
    const source = new lib.Readable({
      highWaterMark,
      read() {
        log('_read', produced);
        setImmediate(() => this.push(produced++ < 2 ? new Uint8Array(0) : null));
      },
    });
    const reader = lib.Readable.toWeb(source).getReader();
    const result = await Promise.race([
      reader.read().then(({ done, value }) => ({ done, length: value?.length })),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 200)),
    ]);
    log('read', result);
    await immediate();
    log('ended', source.readableEnded, source.destroyed);
  });
}

scenario('Readable.toWeb → pipeThrough(Transform.toWeb) → pipeTo(Writable.toWeb): one empty chunk', async (lib, log) => {
  let produced = 0;
  const source = new lib.Readable({ highWaterMark: 0, read() { setImmediate(() => this.push(produced++ === 0 ? new Uint8Array(0) : null)); } });
  const transform = new lib.Transform({ transform(chunk, encoding, callback) { log('transform', chunk.length); callback(null, chunk); } });
  const sink = new lib.Writable({ write(chunk, encoding, callback) { log('write', chunk.length); callback(); } });
  const done = lib.Readable.toWeb(source).pipeThrough(lib.Transform.toWeb(transform)).pipeTo(lib.Writable.toWeb(sink));
  log('pipeTo', await Promise.race([done.then(() => 'done', (e) => e.name), new Promise((r) => setTimeout(() => r('stuck'), 300))]));
  log('finished', source.readableEnded, sink.writableFinished);
});
