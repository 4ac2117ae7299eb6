/**
 * Canonical event-order scenarios for `highwater-compare`: each takes a stream library (node:stream
 * or highwater) and resolves to the list of what happened, in order, so two libraries' lists can be
 * put side by side. Environment-neutral, like engine.js.
 */

const later = (fn) => setTimeout(fn, 1);

export const orders = [
  {
    name: "Writable (highWaterMark 2): write() === false, 'drain', end(), 'finish'",
    run: (lib) => new Promise((resolve) => {
      const log = [];
      const w = new lib.Writable({
        objectMode: true,
        highWaterMark: 2,
        write(chunk, encoding, callback) { log.push(`_write ${chunk}`); later(callback); },
      });
      for (const event of ['drain', 'prefinish', 'finish']) w.on(event, () => log.push(event));
      w.on('close', () => { log.push('close'); resolve(log); });
      for (const chunk of ['a', 'b', 'c']) log.push(`write(${chunk}) -> ${w.write(chunk)}`);
      w.once('drain', () => { log.push('end()'); w.end(); });
    }),
  },
  {
    name: "Readable (highWaterMark 2): read() calls, push() === false, 'data', 'end'",
    run: (lib) => new Promise((resolve) => {
      const log = [];
      let n = 0;
      const r = new lib.Readable({
        objectMode: true,
        highWaterMark: 2,
        read() {
          log.push('read()');
          while (n < 5) {
            const ok = this.push(n++);
            log.push(`push(${n - 1}) -> ${ok}`);
            if (!ok) return;
          }
          this.push(null);
        },
      });
      r.on('data', (chunk) => log.push(`data ${chunk}`));
      r.on('end', () => log.push('end'));
      r.on('close', () => { log.push('close'); resolve(log); });
    }),
  },
  {
    name: 'Writable.toWeb (Node side highWaterMark 2): writer.desiredSize and ready',
    run: async (lib) => {
      const log = [];
      const w = new lib.Writable({
        objectMode: true,
        highWaterMark: 2,
        write(chunk, encoding, callback) { log.push(`_write ${chunk}`); later(callback); },
      });
      const writer = lib.Writable.toWeb(w).getWriter();
      log.push(`desiredSize ${writer.desiredSize}`);
      for (const chunk of ['a', 'b', 'c']) {
        writer.write(chunk);
        log.push(`write(${chunk}), desiredSize ${writer.desiredSize}, writableLength ${w.writableLength}`);
      }
      await writer.ready;
      log.push(`ready, desiredSize ${writer.desiredSize}, writableLength ${w.writableLength}`);
      await writer.close();
      log.push('closed');
      return log;
    },
  },
  {
    name: 'Readable.toWeb (highWaterMark 2): what the Node side holds while a reader waits',
    run: async (lib) => {
      const log = [];
      let n = 0;
      const r = new lib.Readable({
        objectMode: true,
        highWaterMark: 2,
        read() { this.push(n < 4 ? n++ : null); },
      });
      const reader = lib.Readable.toWeb(r).getReader();
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`before reading: pushed ${n}, readableLength ${r.readableLength}`);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        log.push(`read ${value}: pushed ${n}, readableLength ${r.readableLength}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      log.push('done');
      return log;
    },
  },
];
