// getDefaultHighWaterMark / setDefaultHighWaterMark. Every scenario restores the defaults.

import { scenario, attempt, state, immediate } from './harness.js';

/** Runs `fn`, then puts both defaults back to what they were. */
async function keepingDefaults(lib, fn) {
  const bytes = lib.getDefaultHighWaterMark(false);
  const objects = lib.getDefaultHighWaterMark(true);
  try {
    await fn();
  } finally {
    lib.setDefaultHighWaterMark(false, bytes);
    lib.setDefaultHighWaterMark(true, objects);
  }
}

scenario('getDefaultHighWaterMark for bytes and objects', async (lib, log) => {
  attempt('bytes', () => lib.getDefaultHighWaterMark(false));
  attempt('objects', () => lib.getDefaultHighWaterMark(true));
  attempt('no argument', () => lib.getDefaultHighWaterMark());
  attempt('truthy 1', () => lib.getDefaultHighWaterMark(1));
  await immediate();
});

scenario('setDefaultHighWaterMark changes new streams only', (lib, log) =>
  keepingDefaults(lib, async () => {
    const before = new lib.Readable({ read() {} });
    attempt('set bytes 100', () => lib.setDefaultHighWaterMark(false, 100));
    attempt('get bytes', () => lib.getDefaultHighWaterMark(false));
    attempt('get objects', () => lib.getDefaultHighWaterMark(true));
    state('before', before);
    state('after', new lib.Readable({ read() {} }));
    state('explicit', new lib.Readable({ read() {}, highWaterMark: 3 }));
    await immediate();
  }),
);

scenario('setDefaultHighWaterMark for object mode', (lib, log) =>
  keepingDefaults(lib, async () => {
    attempt('set objects 4', () => lib.setDefaultHighWaterMark(true, 4));
    attempt('get objects', () => lib.getDefaultHighWaterMark(true));
    state('object stream', new lib.Readable({ read() {}, objectMode: true }));
    state('byte stream', new lib.Readable({ read() {} }));
    await immediate();
  }),
);

scenario('setDefaultHighWaterMark affects push return values', (lib, log) =>
  keepingDefaults(lib, async () => {
    lib.setDefaultHighWaterMark(false, 2);
    const r = new lib.Readable({ read() {} });
    attempt('push a', () => r.push('a'));
    attempt('push b', () => r.push('b'));
    await immediate();
  }),
);

scenario('setDefaultHighWaterMark to 0', (lib, log) =>
  keepingDefaults(lib, async () => {
    attempt('set 0', () => lib.setDefaultHighWaterMark(false, 0));
    const r = new lib.Readable({
      read(size) {
        log('_read', size);
      },
    });
    log('hwm', r.readableHighWaterMark);
    attempt('push', () => r.push('a'));
    await immediate();
  }),
);

scenario('setDefaultHighWaterMark rejects invalid values', (lib, log) =>
  keepingDefaults(lib, async () => {
    for (const value of [-1, 1.5, '16', NaN, undefined]) {
      attempt(`set ${String(value)}`, () => lib.setDefaultHighWaterMark(false, value));
    }
    attempt('get bytes', () => lib.getDefaultHighWaterMark(false));
    await immediate();
  }),
);

scenario('Readable.from highWaterMark with a changed object mode default', (lib, log) =>
  keepingDefaults(lib, async () => {
    lib.setDefaultHighWaterMark(true, 7);
    log('from generator hwm', lib.Readable.from((function* () {})()).readableHighWaterMark);
    log('from string hwm', lib.Readable.from('s').readableHighWaterMark);
    log('from array hwm', lib.Readable.from([1, 2]).readableHighWaterMark);
    await immediate();
  }),
);
