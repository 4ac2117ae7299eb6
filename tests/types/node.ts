// With @types/node: highwater takes node:stream's streams (fs, http) where it takes them at run
// time, and node:stream's functions take highwater's streams.
import fs from 'node:fs';
import http from 'node:http';
import stream from 'node:stream';
import { Readable, Writable, Duplex, PassThrough, pipeline, compose, finished, addAbortSignal, promises } from 'highwater';

// highwater's functions with Node's streams.
pipeline(Readable.from(['a', 'b']), async function* (source) {
  for await (const s of source) yield String(s).toUpperCase();
}, fs.createWriteStream('/dev/null'), (err) => void err);
pipeline(fs.createReadStream('/dev/null'), new PassThrough(), new stream.PassThrough(), process.stdout, (err) => void err);
const composed: Duplex = compose(new stream.PassThrough(), new PassThrough());
finished(fs.createReadStream('/dev/null'), (err) => void err);
void promises.finished(new stream.Writable());
void promises.pipeline(new stream.Readable({ read() {} }), new Writable());
addAbortSignal(AbortSignal.timeout(1), new stream.Readable());
const webOfNode: WritableStream = Writable.toWeb(new stream.Writable());
http.createServer((req, res) => {
  const hw = Readable.from(['hello']);
  hw.pipe(res);
  req.pipe(new Writable({ write(c, e, cb) { cb(); } }));
  pipeline(req, new PassThrough(), res, (err) => void err);
  void Writable.toWeb(res);
  void Duplex.from(req);
  void Readable.toWeb(req);
  void Duplex.toWeb(new stream.PassThrough());
});

// node:stream's functions with highwater's streams.
const hwReadable = Readable.from([1, 2, 3]);
const hwWritable = new Writable({ objectMode: true, write(c, e, cb) { cb(); } });
stream.pipeline(hwReadable, new stream.PassThrough({ objectMode: true }), hwWritable, (err) => void err);
stream.pipeline(hwReadable, new stream.Writable({ objectMode: true, write(c, e, cb) { cb(); } }), (err) => void err);
stream.finished(hwWritable, (err) => void err);
stream.finished(new Duplex(), (err) => void err);
stream.finished(hwReadable, (err) => void err);
new stream.Readable().pipe(hwWritable);
new stream.Readable().pipe(new PassThrough()).pipe(new stream.PassThrough());
void stream.promises.pipeline(hwReadable, hwWritable);
void stream.promises.finished(hwWritable);
const nodeW: NodeJS.WritableStream = hwWritable;
const nodeRW: NodeJS.WritableStream = new PassThrough();
void [composed, webOfNode, nodeW, nodeRW];
