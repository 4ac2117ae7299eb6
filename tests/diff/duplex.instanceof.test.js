// instanceof across the stream classes: Duplex counts as a Writable, a plain Readable does not.

import { scenario } from './harness.js';

const classes = ['Stream', 'Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'];

/** Logs, for an instance made by `make`, whether it is an instance of each class. */
function checkAll(lib, log, label, make) {
  const value = make();
  const result = {};
  for (const name of classes) result[name] = value instanceof lib[name];
  log(label, result);
}

scenario('instanceof for a Readable', async (lib, log) => {
  checkAll(lib, log, 'Readable', () => new lib.Readable({ read() {} }));
});

scenario('instanceof for a Writable', async (lib, log) => {
  checkAll(lib, log, 'Writable', () => new lib.Writable({ write(c, e, cb) { cb(); } }));
});

scenario('instanceof for a Duplex', async (lib, log) => {
  checkAll(lib, log, 'Duplex', () => new lib.Duplex());
});

scenario('instanceof for a Transform', async (lib, log) => {
  checkAll(lib, log, 'Transform', () => new lib.Transform());
});

scenario('instanceof for a PassThrough', async (lib, log) => {
  checkAll(lib, log, 'PassThrough', () => new lib.PassThrough());
});

scenario('instanceof for subclasses', async (lib, log) => {
  class MyWritable extends lib.Writable {}
  class MyDuplex extends lib.Duplex {}
  class MyTransform extends lib.Transform {}
  checkAll(lib, log, 'MyWritable', () => new MyWritable());
  checkAll(lib, log, 'MyDuplex', () => new MyDuplex());
  checkAll(lib, log, 'MyTransform', () => new MyTransform());
  log('MyWritable instance of itself', new MyWritable() instanceof MyWritable);
  log('Duplex instance of MyWritable', new lib.Duplex() instanceof MyWritable);
});

scenario('instanceof for plain values', async (lib, log) => {
  const result = {};
  for (const name of classes) result[name] = [null, {}, Object.create(lib.Writable.prototype)].map((v) => v instanceof lib[name]);
  log('plain values', result);
});
