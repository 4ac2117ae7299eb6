// A stream's string-named properties are the user's, as on Node's streams: subclasses (split2,
// through2-based and other libraries) keep their own `this._decoder`, `this._buffer`, … and the
// stream must work exactly as if they were not there.

import { scenario, record, immediate } from './harness.js';

/** Names a library might use for its own fields; the façade once kept its own state under some. */
const names = [
  '_core', '_h', '_hwm', '_objectMode', '_chunks', '_head', '_decoder', '_encoding', '_defaultEncoding',
  '_pipes', '_awaitDrainWriters', '_buffered', '_bufferedIndex', '_writecb', '_onwrite', '_onFinished',
  '_erroredValue', '_afterConstruct', '_transformCallback', '_measure', '_snapshot', '_shapeMode',
  '_onConstructed', '_autoDestroy', '_decodeStrings', '_writableObjectMode',
];
const junk = (stream) => { for (const name of names) stream[name] = { junk: name }; };

scenario('a Transform whose subclass owns _decoder and friends (as split2@2) works as in Node', async (lib, log) => {
  const t = new lib.Transform({
    readableObjectMode: true,
    transform(chunk, encoding, callback) {
      this.push({ line: String(chunk), mine: this._decoder.junk });
      callback();
    },
  });
  junk(t);
  record(t, ['data', 'end', 'finish', 'close'], 't');
  t.write('a');
  t.end('b');
  await immediate();
  await immediate();
  log('fields kept', names.every((name) => t[name].junk === name));
});

scenario('Readable, Writable and Duplex with the same fields set before use', async (lib, log) => {
  const r = new lib.Readable({ read() {} });
  junk(r);
  record(r, ['data', 'end', 'close'], 'r');
  r.setEncoding('utf8');
  r.push('x');
  r.push(null);
  const w = new lib.Writable({ highWaterMark: 1, write(c, e, cb) { log('_write', String(c)); setImmediate(cb); } });
  junk(w);
  record(w, ['drain', 'finish', 'close'], 'w');
  log('write', w.write('1'), w.write('2'), w.writableLength);
  w.end();
  const d = new lib.Duplex({ read() {}, write(c, e, cb) { this.push(c); cb(); } });
  junk(d);
  record(d, ['data', 'close'], 'd');
  d.write('dx');
  for (let i = 0; i < 4; i++) await immediate();
  const p = new lib.PassThrough();
  junk(p);
  const sink = new lib.Writable({ write(c, e, cb) { log('sink', String(c)); cb(); } });
  p.pipe(sink);
  p.end('piped');
  for (let i = 0; i < 4; i++) await immediate();
  log('destroy', d.destroy() === d, d.destroyed);
});
