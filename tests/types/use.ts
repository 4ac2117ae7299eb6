// A typical use of the package: compiles in every setup (tests/types.test.js), with or without
// @types/node, as an ES module or as CommonJS.
import { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, compose, promises, duplexPair, isErrored } from 'highwater';
import type { WebStreamPair } from 'highwater';
import * as p from 'highwater/promises';
import hw from 'highwater';

const r = Readable.from([1, 2]);
const w = new Writable({ objectMode: true, write(c, e, cb) { cb(); } });
pipeline(r, async function* (s: AsyncIterable<number>) { for await (const x of s) yield x; }, w, (err) => { void err; });
pipeline([r, w], (err) => { void err; });
finished(w, (err) => void err);
finished(r, { readable: true }, (err) => void err);
const d: Duplex = compose(new Duplex(), w);
void promises.pipeline(r, w, { signal: AbortSignal.timeout(10) });
void p.finished(w, { cleanup: true });
void p.pipeline(r, new PassThrough(), w);
const [a, b] = duplexPair();
void [a, b, d, isErrored(r), r.map((x) => x * 2).toArray(), Readable.toWeb(r), Writable.toWeb(w), Duplex.from([1])];

// Subclasses, as in Node.
class Upper extends Transform {
  _transform(chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void {
    callback(null, String(chunk).toUpperCase());
  }
}
class Sink extends Writable {
  _write(chunk: any, encoding: string, callback: (error?: Error | null) => void): void { callback(); }
}
const upper = new Upper();
r.pipe(upper).pipe(new Sink());
upper.end('x', () => {});
const dw: Writable = new Duplex() as unknown as Writable;
void dw;

// The web adapters: Duplex's and Transform's toWeb are a pair for pipeThrough, Readable's a stream.
const web: ReadableStream = Readable.toWeb(Readable.from(['a']));
const pair: WebStreamPair = Transform.toWeb(new PassThrough());
const piped: ReadableStream = web.pipeThrough(Transform.toWeb(upper)).pipeThrough(Duplex.toWeb(new PassThrough()));
const fromPair: Duplex = Duplex.fromWeb(pair, { objectMode: true });
const fromWeb: Readable = Readable.fromWeb(piped, { objectMode: true });
const sink: Writable = Writable.fromWeb(new WritableStream());
const t: Duplex = Transform.from(async function* (source: AsyncIterable<string>) { for await (const s of source) yield s; });
pipeline(fromWeb, new TransformStream(), Writable.toWeb(sink), (err) => void err);
pipeline(web, pair, new WritableStream(), (err) => void err);
void [fromPair, t];

// The default export holds every named export.
const viaDefault: Readable = new hw.Readable({ read() {} });
hw.pipeline(viaDefault, new hw.PassThrough(), hw.Writable.toWeb(new hw.Writable()), (err) => void err);
void hw.promises.finished(viaDefault);
const pairAgain: WebStreamPair = hw.Duplex.toWeb(new hw.Duplex());
void pairAgain;
