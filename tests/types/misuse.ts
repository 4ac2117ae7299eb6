// Each line is a mistake the types must reject (tests/types.test.js counts the errors).
import { Readable, Transform, pipeline, promises, EventEmitter, Writable } from 'highwater';
const r = new Readable();
r.map('not a function');
r.take('two');
pipeline(r);
void promises.finished('not a stream');
const notAStream: ReadableStream = Transform.toWeb(new Transform());
void new EventEmitter();
r.pipe({ write() { return true; } });
Writable.toWeb(r);
