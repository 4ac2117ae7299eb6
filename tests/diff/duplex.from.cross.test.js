// Duplex.from over node:stream streams: both libraries wrap the same node:stream Readable and
// Writable, so the logs show that highwater's finished and destroyer handle foreign streams.
import * as nodeStream from 'node:stream';
import { scenario, record, immediate } from './harness.js';
const events = ['end', 'finish', 'error', 'close'];
async function turns(n = 3) { for (let i = 0; i < n; i++) await immediate(); }
scenario('cross readable', async (lib, log) => {
  const r = new nodeStream.Readable({ read() {} });
  const d = lib.Duplex.from(r);
  record(d, events, 'd'); record(r, events, 'r');
  d.on('data', (c) => log('data', c));
  r.push('a'); await immediate(); r.push(null);
  await turns();
});
scenario('cross writable', async (lib, log) => {
  const w = new nodeStream.Writable({ write(c, e, cb) { log('w', c); cb(); } });
  const d = lib.Duplex.from(w);
  record(d, events, 'd'); record(w, events, 'w');
  d.write('a'); d.end('b');
  await turns();
});
scenario('cross destroy', async (lib, log) => {
  const r = new nodeStream.Readable({ read() {} });
  const w = new nodeStream.Writable({ write(c, e, cb) { cb(); } });
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd'); record(r, events, 'r'); record(w, events, 'w');
  d.destroy();
  await turns();
});
scenario('cross error', async (lib, log) => {
  const r = new nodeStream.Readable({ read() {} });
  const w = new nodeStream.Writable({ write(c, e, cb) { cb(); } });
  const d = lib.Duplex.from({ readable: r, writable: w });
  record(d, events, 'd'); record(r, events, 'r'); record(w, events, 'w');
  r.destroy(new Error('x'));
  await turns();
});
