// A CommonJS project (module: node16, no "type": "module"): `import` compiles to `require`, so
// the package's `require` types (index.d.cts) apply.
import { Readable, Writable, pipeline } from 'highwater';
import hw from 'highwater';
import hwRequired = require('highwater');
import { finished } from 'highwater/promises';

const r: Readable = new hw.Readable({ read() {} });
pipeline(r, new hwRequired.PassThrough(), new Writable({ write(c, e, cb) { cb(); } }), (err) => void err);
void finished(r);
const same: typeof Readable = hwRequired.Readable;
void same;
