// Helpers shared by the differential tests of pipeline and finished
// (tests/diff/pipeline*.test.js, tests/diff/finished.test.js).

import { immediate } from './harness.js';

/** The events a stage of a pipeline is watched for. */
export const stageEvents = ['end', 'finish', 'error', 'close'];

/** Logs each of `events` of `stream` as [name, event, ...args]. */
export function watch(log, name, stream, events = stageEvents) {
  for (const event of events) stream.on(event, (...args) => log(name, event, ...args));
  return stream;
}

/** A Readable (of `lib`) that pushes `chunks` one per read(), then ends. */
export function source(lib, chunks = ['a', 'b', 'c'], options = {}) {
  const queue = [...chunks];
  return new lib.Readable({
    read() {
      this.push(queue.length ? queue.shift() : null);
    },
    ...options,
  });
}

/** A Writable (of `lib`) that logs every chunk as [name, 'write', text or value]. */
export function sink(lib, log, name = 'sink', options = {}) {
  return new lib.Writable({
    write(chunk, encoding, callback) {
      log(name, 'write', options.objectMode ? chunk : String(chunk));
      callback();
    },
    ...options,
  });
}

/** A Transform (of `lib`) that upper-cases text. */
export function upper(lib, options = {}) {
  return new lib.Transform({
    transform(chunk, encoding, callback) {
      callback(null, String(chunk).toUpperCase());
    },
    ...options,
  });
}

/** Logs [name, {destroyed, errored, closed}] for each named stream. */
export function fates(log, streams) {
  for (const [name, stream] of Object.entries(streams)) {
    log(name, { destroyed: stream.destroyed, errored: stream.errored, closed: stream.closed });
  }
}

/** Waits `count` setImmediate turns. */
export async function turns(count = 3) {
  for (let i = 0; i < count; i++) await immediate();
}

/** Waits for `promise`; logs [label, 'resolved', value] or [label, 'rejected', error]. */
export async function settle(log, label, promise) {
  try {
    log(label, 'resolved', await promise);
  } catch (err) {
    log(label, 'rejected', err);
  }
}
