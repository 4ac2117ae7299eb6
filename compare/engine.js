/**
 * The playground's scenario engine, shared by the page (www/) and the `highwater-compare` command:
 * the presets, the ways of running a scenario, and per-stage sampling (buffered amount against the
 * highWaterMark, desiredSize, backpressure signals, throughput). Environment-neutral: the stream
 * library (highwater or node:stream) comes in as an argument, web streams are the platform's, and
 * time is `performance.now()` and `setTimeout`.
 */

/**
 * A scenario: `chunks` chunks of `chunkSize` bytes (or objects in `objectMode`), every buffer with
 * `highWaterMark` (bytes, or objects), a producer making `producerRate` chunks per second in bursts
 * of `burst`, a consumer taking `consumerRate` chunks per second (0: as fast as it can), and an
 * identity transform stage in the middle when `transform` is set.
 */
export const defaults = {
  chunks: 400,
  chunkSize: 1024,
  highWaterMark: 16384,
  objectMode: false,
  producerRate: 0,
  burst: 1,
  consumerRate: 200,
  transform: false,
};

/** The presets, by name; each is a partial scenario with a label. */
export const presets = {
  'slow-consumer': { label: 'fast producer, slow consumer', chunks: 400, consumerRate: 200 },
  bursty: { label: 'bursty producer', chunks: 480, producerRate: 240, burst: 48, consumerRate: 200, transform: true },
  'tiny-chunks': { label: 'tiny chunks', chunks: 4000, chunkSize: 16, highWaterMark: 1024, consumerRate: 2000 },
  objects: { label: 'object mode', chunks: 300, objectMode: true, highWaterMark: 16, producerRate: 400, consumerRate: 150, transform: true },
  'full-speed': { label: 'full speed (no pacing)', chunks: 20000, consumerRate: 0, transform: true },
};

/** The signals that say "stop" (counted as backpressure) and those that say "go on". */
export const stopSignals = ['push false', 'write false', 'desiredSize <= 0', 'ready wait'];
export const goSignals = ['drain', 'ready'];

/** A full scenario from a preset name or partial scenario; `scale` multiplies the chunk count. */
export function scenario(preset, { scale = 1 } = {}) {
  const base = typeof preset === 'string' ? presets[preset] : preset;
  if (!base) throw new Error(`no preset named ${preset}`);
  const { label, ...fields } = base;
  const result = { ...defaults, ...fields };
  result.chunks = Math.max(1, Math.round(result.chunks * scale));
  return result;
}

/** A chunk's size in the unit of the buffers: 1 for an object, else its byte length. */
const sizer = (objectMode) => (objectMode ? () => 1 : (chunk) => chunk.byteLength);

/** The whole amount a scenario sends, in buffer units. */
export function totalUnits(sc) {
  return sc.objectMode ? sc.chunks : sc.chunks * sc.chunkSize;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The producer: chunk k may be made once its burst is due (bursts of `burst` chunks at
 * `producerRate` chunks per second on average). Byte k*chunkSize+j holds (k*chunkSize+j) % 251,
 * an object is { i: k }. With `dropChunk` the middle chunk is never made (a broken run).
 */
function producer(sc, start) {
  let k = 0;
  const burst = Math.max(1, sc.burst || 1);
  return {
    get done() { return k >= sc.chunks; },
    /** Milliseconds until the next chunk may be made (<= 0: now). */
    delay: () => (sc.producerRate ? start + Math.floor(k / burst) * burst * 1000 / sc.producerRate - performance.now() : 0),
    next() {
      if (sc.dropChunk && k === Math.floor(sc.chunks / 2)) k++;
      if (k >= sc.chunks) return null;
      const index = k++;
      if (sc.objectMode) return { i: index };
      const chunk = new Uint8Array(sc.chunkSize);
      for (let j = 0, offset = index * sc.chunkSize; j < chunk.length; j++, offset++) chunk[j] = offset % 251;
      return chunk;
    },
  };
}

/** The consumer: each chunk keeps it busy 1/consumerRate seconds; `take(done)` calls done once free. */
function consumer(sc) {
  let free = 0;
  const each = sc.consumerRate ? 1000 / sc.consumerRate : 0;
  return (done) => {
    if (!each) return done();
    free = Math.max(free, performance.now()) + each;
    const wait = free - performance.now();
    if (wait <= 0) done();
    else setTimeout(done, wait);
  };
}

/** Checks that chunks arrive complete and in order; `problem` holds the first thing wrong. */
function checker(sc) {
  const state = { units: 0, problem: null };
  let offset = 0;
  state.take = (chunk) => {
    if (sc.objectMode) {
      if (state.problem === null && chunk?.i !== state.units) {
        state.problem = `object ${state.units} expected, got ${JSON.stringify(chunk)}`;
      }
      state.units++;
      return;
    }
    const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(0);
    if (state.problem === null) {
      if (!(chunk instanceof Uint8Array)) state.problem = `byte chunk expected, got ${typeof chunk}`;
      for (let j = 0; j < bytes.length && state.problem === null; j++) {
        if (bytes[j] !== (offset + j) % 251) state.problem = `wrong byte at offset ${offset + j} (chunk lost or reordered)`;
      }
    }
    offset += bytes.length;
    state.units += bytes.length;
  };
  return state;
}

/**
 * One run's bookkeeping: the stages it samples, the signals it counts, its peaks, its samples.
 * A stage is { name, hwm, buffered(), desired() }: desired() is the API's desiredSize, or undefined
 * where the stage has none (readouts then derive it as hwm - buffered).
 */
class Run {
  constructor(sc, hooks) {
    this.sc = sc;
    this.hooks = hooks;
    this.units = sizer(sc.objectMode);
    this.start = performance.now();
    this.stages = [];
    this.peaks = [];
    this.signals = Object.fromEntries([...stopSignals, ...goSignals].map((type) => [type, 0]));
    this.produced = 0;
    this.consumed = 0;
    this.check = checker(sc);
    this.take = consumer(sc);
    this.make = producer(sc, this.start);
    this.error = null;
  }

  stage(name, hwm, buffered, desired = () => undefined) {
    this.stages.push({ name, hwm, buffered, desired });
    this.peaks.push(0);
  }

  /** Records a signal of `stage`, and tells the hooks. */
  signal(stage, type) {
    if (type in this.signals) this.signals[type]++;
    this.hooks.onEvent?.({ t: performance.now() - this.start, stage, type });
  }

  /** Updates the peak of every stage; called at every chunk movement. */
  track() {
    for (let i = 0; i < this.stages.length; i++) {
      const value = this.stages[i].buffered();
      if (value > this.peaks[i]) this.peaks[i] = value;
    }
    this.hooks.probe?.();
  }

  /** Counts a chunk the consumer finished with. */
  consume(chunk) {
    this.check.take(chunk);
    this.consumed += this.units(chunk);
    this.track();
  }

  /** A readout of every stage now, for the charts. */
  sample(last) {
    const t = performance.now() - this.start;
    const seconds = Math.max(t - last.t, 1) / 1000;
    const sample = {
      t,
      produced: this.produced,
      consumed: this.consumed,
      rateIn: (this.produced - last.produced) / seconds,
      rateOut: (this.consumed - last.consumed) / seconds,
      signals: { ...this.signals },
      stages: this.stages.map(({ name, hwm, buffered, desired }) => {
        const value = buffered();
        const api = desired();
        return { name, hwm, buffered: value, desired: api ?? (hwm === null ? null : hwm - value), api: api !== undefined };
      }),
    };
    this.hooks.onSample?.(sample);
    return sample;
  }
}

/** Replaces `stream.write` on the instance to count write() === false, and listens for 'drain'. */
function watchWrites(run, stream, name) {
  const write = stream.write;
  stream.write = function (...args) {
    const ok = write.apply(this, args);
    if (ok === false) run.signal(name, 'write false');
    return ok;
  };
  stream.on('drain', () => run.signal(name, 'drain'));
}

/** The read() of a Node-style source: pushes due chunks while push() returns true. */
function nodeRead(run) {
  let waiting = false;
  return function read() {
    if (waiting) return;
    for (;;) {
      if (run.make.done) {
        this.push(null);
        run.signal('source', 'end');
        return;
      }
      const delay = run.make.delay();
      if (delay > 0) {
        waiting = true;
        setTimeout(() => { waiting = false; read.call(this); }, delay);
        return;
      }
      const chunk = run.make.next();
      if (chunk === null) continue;
      run.produced += run.units(chunk);
      const more = this.push(chunk);
      run.track();
      if (!more) {
        run.signal('source', 'push false');
        return;
      }
    }
  };
}

/** A Node-style Writable consumer of `lib`. */
function nodeSink(run, lib, options) {
  return new lib.Writable({
    ...options,
    write(chunk, encoding, callback) {
      run.take(() => { run.consume(chunk); callback(); });
    },
  });
}

/** An identity Node-style Transform of `lib` that counts what passes. */
function nodeTransform(run, lib, options, counter) {
  return new lib.Transform({
    ...options,
    transform(chunk, encoding, callback) {
      counter.n += run.units(chunk);
      callback(null, chunk);
      run.track();
    },
  });
}

/** The stages of a Node-style Transform: its writable side and its readable side. */
function transformStages(run, t) {
  run.stage('transform in', t.writableHighWaterMark, () => t.writableLength, () => t.writableDesiredSize);
  run.stage('transform out', t.readableHighWaterMark, () => t.readableLength, () => t.readableDesiredSize);
}

/** A queuing strategy in the scenario's unit whose size() counts what enters the queue into `counter`. */
function countingStrategy(run, counter) {
  return {
    highWaterMark: run.sc.highWaterMark,
    size: (chunk) => {
      const units = run.units(chunk);
      counter.n += units;
      return units;
    },
  };
}

/**
 * A paced ReadableStream producer. It closes once its queue is empty, so that its controller's
 * desiredSize reads its queue for the whole run (a closed stream's desiredSize reads 0).
 */
function webSource(run, strategy) {
  const state = { controller: null, closed: false };
  state.stream = new ReadableStream({
    start(controller) { state.controller = controller; },
    async pull(controller) {
      for (;;) {
        if (run.make.done) {
          if (controller.desiredSize === run.sc.highWaterMark) {
            controller.close();
            state.closed = true;
            run.signal('source', 'end');
          }
          return;
        }
        const delay = run.make.delay();
        if (delay > 0) await sleep(delay);
        const chunk = run.make.next();
        if (chunk === null) continue;
        run.produced += run.units(chunk);
        controller.enqueue(chunk);
        run.track();
        if (controller.desiredSize <= 0) {
          run.signal('source', 'desiredSize <= 0');
          return;
        }
      }
    },
  }, strategy);
  state.desired = () => (state.closed ? undefined : state.controller.desiredSize);
  state.buffered = () => (state.closed ? 0 : run.sc.highWaterMark - state.controller.desiredSize);
  return state;
}

/** A paced WritableStream consumer. */
function webSink(run, strategy) {
  return new WritableStream({
    write(chunk) {
      return new Promise((resolve) => run.take(() => { run.consume(chunk); resolve(); }));
    },
  }, strategy);
}

/**
 * The ways to run a scenario. `node`: a Node-style pipeline of `lib` (source Readable → [Transform] →
 * sink Writable, by lib.pipeline). `web`: native web streams (ReadableStream → [pipeThrough
 * TransformStream] → pipeTo WritableStream). `bridge`: web producer → lib.Readable.fromWeb →
 * [lib Transform] → lib.Readable.toWeb → web consumer; the last hop is a reader/writer loop rather
 * than pipeTo, so the consumer's `writer.ready` and `writer.desiredSize` can be watched.
 */
const ways = {
  async node(run, lib) {
    const { sc } = run;
    const options = { objectMode: sc.objectMode, highWaterMark: sc.highWaterMark };
    const source = new lib.Readable({ ...options, read: nodeRead(run) });
    run.stage('source', source.readableHighWaterMark, () => source.readableLength, () => source.readableDesiredSize);
    const streams = [source];
    if (sc.transform) {
      const t = nodeTransform(run, lib, options, { n: 0 });
      transformStages(run, t);
      watchWrites(run, t, 'transform in');
      streams.push(t);
    }
    const sink = nodeSink(run, lib, options);
    run.stage('sink', sink.writableHighWaterMark, () => sink.writableLength, () => sink.writableDesiredSize);
    watchWrites(run, sink, 'sink');
    sink.on('finish', () => run.signal('sink', 'finish'));
    await new Promise((resolve, reject) => lib.pipeline(...streams, sink, (err) => (err ? reject(err) : resolve())));
  },

  async web(run) {
    const { sc } = run;
    // A writable queue's strategy size() sees every chunk that enters it; a readable queue's does
    // not (an enqueue that meets a waiting read skips the queue), so readable sides are counted here.
    const entered = { transform: { n: 0 }, sink: { n: 0 } };
    const next = sc.transform ? entered.transform : entered.sink;
    const source = webSource(run, countingStrategy(run, { n: 0 }));
    // The source's queue by counting (what it made minus what the next queue took), next to the API's.
    run.stage('source', sc.highWaterMark, () => run.produced - next.n, source.desired);
    let readable = source.stream;
    if (sc.transform) {
      let transformed = 0;
      let controller;
      const t = new TransformStream({
        start(c) { controller = c; },
        transform(chunk, c) {
          transformed += run.units(chunk);
          c.enqueue(chunk);
          run.track();
          if (c.desiredSize <= 0) run.signal('transform out', 'desiredSize <= 0');
        },
        flush() { controller = null; },
      }, countingStrategy(run, entered.transform), countingStrategy(run, { n: 0 }));
      run.stage('transform in', sc.highWaterMark, () => entered.transform.n - transformed);
      run.stage('transform out', sc.highWaterMark, () => transformed - entered.sink.n, () => controller?.desiredSize ?? undefined);
      readable = readable.pipeThrough(t);
    }
    run.stage('sink', sc.highWaterMark, () => entered.sink.n - run.consumed);
    await readable.pipeTo(webSink(run, countingStrategy(run, entered.sink)));
    run.signal('sink', 'finish');
  },

  async bridge(run, lib) {
    const { sc } = run;
    const options = { objectMode: sc.objectMode, highWaterMark: sc.highWaterMark };
    const source = webSource(run, countingStrategy(run, { n: 0 }));
    run.stage('web source', sc.highWaterMark, source.buffered, source.desired);
    const fromWeb = lib.Readable.fromWeb(source.stream, options);
    run.stage('fromWeb', fromWeb.readableHighWaterMark, () => fromWeb.readableLength, () => fromWeb.readableDesiredSize);
    let last = fromWeb;
    const transformed = { n: 0 };
    if (sc.transform) {
      const t = nodeTransform(run, lib, options, transformed);
      transformStages(run, t);
      watchWrites(run, t, 'transform in');
      fromWeb.on('error', (err) => t.destroy(err));
      last = fromWeb.pipe(t);
    }
    const strategy = sc.objectMode
      ? new CountQueuingStrategy({ highWaterMark: sc.highWaterMark })
      : new ByteLengthQueuingStrategy({ highWaterMark: sc.highWaterMark });
    const reader = lib.Readable.toWeb(last, { strategy }).getReader();
    // What sits between the last Node-style buffer and the consumer: toWeb's queue and reads in flight.
    let read = 0;
    const intoLast = () => (sc.transform ? transformed.n : run.produced - source.buffered());
    run.stage('toWeb', null, () => intoLast() - last.readableLength - read);
    const written = { n: 0 };
    const writer = webSink(run, countingStrategy(run, written)).getWriter();
    let closed = false; // a closed writer's desiredSize reads 0
    run.stage('web sink', sc.highWaterMark, () => written.n - run.consumed, () => (closed ? undefined : writer.desiredSize ?? undefined));
    for (;;) {
      if (writer.desiredSize <= 0) {
        run.signal('web sink', 'ready wait');
        await writer.ready;
        run.signal('web sink', 'ready');
      }
      const { done, value } = await reader.read();
      if (done) break;
      read += run.units(value);
      writer.write(value).catch(() => {}); // a failed write also rejects ready and close
      run.track();
    }
    await writer.close();
    closed = true;
    run.signal('web sink', 'finish');
  },
};

/** The kinds of way: 'node' and 'bridge' take a stream library, 'web' does not. */
export const kinds = Object.keys(ways);

/**
 * Runs scenario `sc` one way (`kind` of `kinds`, with stream library `lib` for 'node' and 'bridge').
 * hooks: onSample(sample) every `sampleMs`, onEvent({ t, stage, type }) at every signal, probe() at
 * every chunk movement; a run with no progress for `stallMs` fails. Resolves (never rejects) to
 * { ok, problem, seconds, units, throughput, stages: [{ name, hwm, peak }], signals, samples }.
 */
export async function runScenario(kind, sc, { lib, onSample, onEvent, probe, sampleMs = 50, stallMs = 10_000 } = {}) {
  const samples = [];
  const run = new Run(sc, { onSample: (s) => samples.push(s) && onSample?.(s), onEvent, probe });
  let last = { t: 0, produced: 0, consumed: 0 };
  let stalled = null;
  let idleSince = 0;
  const timer = setInterval(() => {
    const progress = last.produced + last.consumed;
    last = run.sample(last);
    if (last.produced + last.consumed !== progress) idleSince = last.t;
    else if (last.t - idleSince > stallMs) stalled?.(new Error(`stalled: no progress for ${stallMs / 1000} s`));
  }, sampleMs);
  let problem = null;
  try {
    await Promise.race([
      ways[kind](run, lib),
      new Promise((resolve, reject) => { stalled = reject; }),
    ]);
  } catch (err) {
    problem = `${err?.code ?? err?.name ?? 'error'}: ${err?.message ?? err}`;
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - run.start) / 1000;
  run.sample(last);
  const expected = totalUnits(sc);
  problem ??= run.check.problem;
  if (problem === null && run.check.units !== expected) {
    problem = `delivered ${run.check.units} of ${expected} ${sc.objectMode ? 'objects' : 'bytes'}`;
  }
  return {
    ok: problem === null,
    problem,
    seconds,
    units: run.check.units,
    throughput: run.check.units / seconds,
    stages: run.stages.map(({ name, hwm }, i) => ({ name, hwm, peak: run.peaks[i] })),
    signals: run.signals,
    samples,
  };
}
