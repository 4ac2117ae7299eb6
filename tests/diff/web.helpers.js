// Helpers shared by the differential tests of the WHATWG adapters (tests/diff/web.*.test.js).
// Chunks are logged as `chunk instanceof Uint8Array` plus their bytes (or the value itself),
// never by constructor name: Node's toWeb hands out Uint8Array copies, highwater the chunk itself.

import { immediate } from './harness.js';

/** Logs every result of `reader.read()` as [label, 'chunk', isUint8Array, value] until done or rejected. */
export async function readAll(log, reader, label = 'read') {
  for (;;) {
    try {
      const { done, value } = await reader.read();
      if (done) {
        log(label, 'done', value);
        return;
      }
      log(label, 'chunk', value instanceof Uint8Array, value);
    } catch (err) {
      log(label, 'rejected', err);
      return;
    }
  }
}

/** Waits for `promise` and logs [label, 'resolved', value] or [label, 'rejected', error]. */
export async function settle(log, label, promise) {
  try {
    log(label, 'resolved', await promise);
  } catch (err) {
    log(label, 'rejected', err);
  }
}

/** Waits `count` setImmediate turns. */
export async function turns(count = 3) {
  for (let i = 0; i < count; i++) await immediate();
}

/** Logs a chunk a Node-style stream delivered: [label, isUint8Array, value]. */
export function chunk(log, label, value) {
  log(label, value instanceof Uint8Array, value);
}

/** Logs the end state of a Node-style stream: destroyed, errored, closed. */
export function ended(log, label, stream) {
  log(label, { destroyed: stream.destroyed, errored: stream.errored, closed: stream.closed });
}
