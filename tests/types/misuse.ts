// Each line is a mistake the types must reject (tests/types.test.js counts the errors).
import { Readable, pipeline, promises } from 'highwater';
const r = new Readable();
r.map('not a function');
r.take('two');
pipeline(r);
void promises.finished('not a stream');
