/**
 * `nextTick(fn, ...args)`: Node's `process.nextTick` where it exists. Elsewhere (browsers) a tick
 * queue of our own that one microtask empties, ticks added meanwhile included, so that, as in
 * Node, every pending tick runs before the next promise callback.
 */
const processNextTick = globalThis.process?.nextTick;

const queue = [];
let draining = false;

/** Report an error thrown by a tick without stopping the ones after it. */
const reportError = typeof globalThis.reportError === 'function'
  ? globalThis.reportError
  : (err) => setTimeout(() => {
    throw err;
  });

function runTicks() {
  for (let i = 0; i < queue.length; i++) {
    const [fn, args] = queue[i];
    queue[i] = undefined;
    try {
      fn(...args);
    } catch (err) {
      reportError(err);
    }
  }
  queue.length = 0;
  draining = false;
}

function microtaskTick(fn, ...args) {
  queue.push([fn, args]);
  if (!draining) {
    draining = true;
    queueMicrotask(runTicks);
  }
}

export const nextTick = typeof processNextTick === 'function' ? processNextTick : microtaskTick;
