// The EventEmitter side of a stream as libraries meet it: the `captureRejections` option (an
// async listener's rejection destroys the stream with that error), `off`/`addListener` being the
// very functions `removeListener`/`on` are, and `instanceof` node:events' EventEmitter in Node.

import { EventEmitter } from 'node:events';
import { scenario, record, attempt, immediate } from './harness.js';

const kinds = ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'];

scenario('captureRejections: a rejected async data listener destroys the Readable with its error', async (lib, log) => {
  const r = new lib.Readable({ captureRejections: true, read() {} });
  record(r, ['error', 'close'], 'r');
  r.on('data', async (chunk) => { log('data', String(chunk)); throw new Error('listener failed'); });
  r.push('a');
  for (let i = 0; i < 4; i++) await immediate();
  log('destroyed', r.destroyed, r.errored?.message);
});

scenario('captureRejections: a rejected async finish listener destroys the Writable', async (lib, log) => {
  const w = new lib.Writable({ captureRejections: true, write(c, e, cb) { cb(); } });
  record(w, ['error', 'close'], 'w');
  w.on('finish', async () => { log('finish'); throw new Error('after finish'); });
  w.end('x');
  for (let i = 0; i < 4; i++) await immediate();
  log('destroyed', w.destroyed, w.errored?.message);
});

scenario('captureRejections: a listener returning a resolved promise changes nothing', async (lib, log) => {
  const r = new lib.Readable({ captureRejections: true, read() {} });
  record(r, ['end', 'error', 'close'], 'r');
  r.on('data', async (chunk) => log('data', String(chunk)));
  r.push('a');
  r.push(null);
  for (let i = 0; i < 4; i++) await immediate();
  log('destroyed', r.destroyed);
});

scenario('captureRejections must be a boolean', async (lib, log) => {
  for (const kind of kinds) {
    attempt(`${kind} captureRejections 1`, () => new lib[kind]({ captureRejections: 1 }));
    attempt(`${kind} captureRejections false`, () => void new lib[kind]({ captureRejections: false }));
  }
});

scenario('off is removeListener and addListener is on, as the same functions', async (lib, log) => {
  for (const kind of [...kinds, 'Stream']) {
    const proto = lib[kind].prototype;
    log(kind, proto.off === proto.removeListener, proto.addListener === proto.on);
  }
});

scenario('streams are instances of node:events EventEmitter', async (lib, log) => {
  for (const kind of [...kinds, 'Stream']) log(kind, new lib[kind]() instanceof EventEmitter);
});
