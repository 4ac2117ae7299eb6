// CPU time per chunk of four hot paths, for comparing builds of highwater with each other and
// with node:stream on this noisy machine: each path runs in batches, the builds interleaved,
// and the minimum and median batch are printed in ns per chunk. CPU time (process.cpuUsage)
// leaves out the time other tenants take, which wall-clock time does not.
//
//   node bench/cpu.js [dir|node ...]      (default: this checkout, then node:stream)
//
// A dir is a checkout with `npm run build` done (js/ and dist/wasm/ are what is loaded); an
// older commit: `git worktree add /tmp/old <commit> && cd /tmp/old && npm ci && npm run build`.
// Builds loaded into one process share its JIT's type feedback, so run each dir alone several
// times, alternating, to compare them: `BATCHES=5 node bench/cpu.js ./a; node bench/cpu.js ./b`.
// PATHS=pushData,chain picks paths; BATCHES sets the batches per path (default 11).
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const N = 100_000;
const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(here, 'node');
const libs = [];
for (const dir of dirs) {
  libs.push(dir === 'node'
    ? await import('node:stream')
    : await import(pathToFileURL(path.resolve(dir, 'js/index.js')).href));
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** CPU ms of `loop()`, after which `delivered()` must be N. */
function timed(name, loop, delivered) {
  const start = cpuMs();
  loop();
  const took = cpuMs() - start;
  if (delivered() !== N) throw new Error(`${name} delivered ${delivered()} of ${N}`);
  return took;
}

/** CPU ms of sending N chunks into `stream` with `send`, after which all came out as 'data'. */
async function throughData(name, stream, send) {
  let n = 0;
  stream.on('data', () => n++);
  await nextTurn();
  return timed(name, () => {
    for (let i = 0; i < N; i++) send(i);
  }, () => n);
}

/** Each path returns the CPU ms it took for N chunks, after checking all of them arrived. */
const paths = {
  pushData(lib) {
    const r = new lib.Readable({ objectMode: true, read() {} });
    return throughData('pushData', r, (i) => r.push(i));
  },
  async writeSync(lib) {
    let n = 0;
    const w = new lib.Writable({ objectMode: true, highWaterMark: 1e9, write(chunk, encoding, cb) { n++; cb(); } });
    return timed('writeSync', () => {
      for (let i = 0; i < N; i++) w.write(i);
    }, () => n);
  },
  passThrough(lib) {
    const p = new lib.PassThrough({ objectMode: true, highWaterMark: 1e9 });
    return throughData('passThrough', p, (i) => p.write(i));
  },
  chain(lib) {
    return new Promise((resolve, reject) => {
      let i = 0;
      let n = 0;
      const source = new lib.Readable({
        objectMode: true,
        read() {
          for (let k = 0; k < 16 && i < N; k++) this.push(i++);
          if (i >= N) this.push(null);
        },
      });
      const map = new lib.Transform({ objectMode: true, transform(chunk, encoding, cb) { cb(null, chunk + 1); } });
      const sink = new lib.Writable({ objectMode: true, write(chunk, encoding, cb) { n++; cb(); } });
      const start = cpuMs();
      sink.on('finish', () => {
        const took = cpuMs() - start;
        if (n === N) resolve(took);
        else reject(new Error(`chain delivered ${n} of ${N}`));
      });
      source.pipe(map).pipe(sink);
    });
  },
};

const chosen = process.env.PATHS ? process.env.PATHS.split(',') : Object.keys(paths);
const batches = Number(process.env.BATCHES || 11);
for (const name of chosen) {
  const runs = libs.map(() => []);
  for (let b = 0; b < batches; b++) {
    for (let j = 0; j < libs.length; j++) runs[j].push(await paths[name](libs[j]));
  }
  const cells = dirs.map((dir, j) => {
    const sorted = runs[j].sort((x, y) => x - y);
    const ns = (ms) => ((ms * 1e6) / N).toFixed(0);
    return `${dir === 'node' ? 'node:stream' : path.basename(path.resolve(dir))} ${ns(sorted[0])}/${ns(sorted[sorted.length >> 1])}`;
  });
  console.log(`${name.padEnd(12)} ${cells.join('   ')}   (ns per chunk, CPU time: min/median of ${batches})`);
}
