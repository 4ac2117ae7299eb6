/**
 * `nextTick(fn, ...args)`: Node's `process.nextTick` where it exists (so events keep Node's order
 * relative to other ticks), otherwise a microtask (browsers).
 */
const processNextTick = globalThis.process?.nextTick;

export const nextTick = typeof processNextTick === 'function'
  ? processNextTick
  : (fn, ...args) => queueMicrotask(() => fn(...args));
