// pipe() into an old-style destination: an emitter without prependListener (as written before
// Node 6, and still by some libraries). Node puts pipe's 'error' handler first in `_events` by
// hand; the destination's own 'error' listeners then run after it, in the same order as Node's.

import { EventEmitter } from 'node:events';
import { scenario, immediate } from './harness.js';

/** A writable-looking emitter without prependListener, logging what pipe does to it. */
function oldDestination(log) {
  const dest = new EventEmitter();
  dest.prependListener = undefined;
  dest.writable = true;
  dest.write = (chunk) => { log('write', String(chunk)); return true; };
  dest.end = () => log('end');
  return dest;
}

scenario('old-style destination with an error listener: pipe\'s handler runs first', async (lib, log) => {
  const dest = oldDestination(log);
  dest.on('error', (err) => log('own error listener', err.message));
  const src = new lib.Readable({ read() {} });
  src.pipe(dest);
  log('error listeners', dest.listenerCount('error'));
  dest.emit('error', new Error('boom'));
  log('unpiped', src._readableState.pipes.length);
  src.push('after');
  await immediate();
});

scenario('old-style destination with two error listeners (an array in _events)', async (lib, log) => {
  const dest = oldDestination(log);
  dest.on('error', () => log('first'));
  dest.on('error', () => log('second'));
  const src = new lib.Readable({ read() {} });
  src.pipe(dest);
  log('error listeners', dest.listenerCount('error'));
  dest.emit('error', new Error('boom'));
  log('error listeners after', dest.listenerCount('error'));
});

scenario('old-style destination without error listeners: data flows and end reaches it', async (lib, log) => {
  const dest = oldDestination(log);
  const src = new lib.Readable({ read() {} });
  src.pipe(dest);
  src.push('a');
  src.push('b');
  src.push(null);
  await immediate();
  await immediate();
  log('error listeners', dest.listenerCount('error'));
});
