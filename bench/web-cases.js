// The web stream adapter cases shared by bench/web.js and bench/run.js: each runs one contender, `lib`
// being node:stream or highwater (their Readable/Writable toWeb/fromWeb), or null for a pure web
// streams reference where one exists (`native`):
//   a. Readable -> Readable.toWeb -> for await over the ReadableStream
//   b. ReadableStream -> Readable.fromWeb -> 'data' (reference: ReadableStream -> pipeTo(WritableStream))
//   c. WritableStream writer -> Writable.toWeb -> Writable
//   d. Readable -> Writable.fromWeb(WritableStream), wired by hand (write until false, wait 'drain')
//      (reference for c and d: a writer writing straight into the WritableStream, the platform alone)
//   e. Readable -> Readable.toWeb -> pipeThrough(TransformStream) -> Readable.fromWeb -> Writable
// on small objects and on 64 KiB chunks (one reused buffer; node:stream's Readable.toWeb copies each chunk).
import { guard, objectsWorkload } from './shared.js'

/** A workload sending `count` copies of one 64 KiB chunk: a Buffer from Node sources, a Uint8Array from web ones. */
function bytesWorkload (count) {
  const nodeChunk = Buffer.alloc(64 * 1024, 1)
  const webChunk = new Uint8Array(64 * 1024).fill(1)
  return {
    name: 'bytes',
    unit: 'MiB/s',
    amount: count / 16,
    objectMode: false,
    expected: { count: count * nodeChunk.length, sum: 0 },
    webStrategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    producer (web) {
      const chunk = web ? webChunk : nodeChunk
      let left = count
      return () => left-- > 0 ? chunk : null
    },
    take: (tally, data) => { tally.count += data.byteLength }
  }
}

/** The adapter workloads: 100,000 objects and 256 MiB of 64 KiB chunks, `shrink` times fewer. */
export function adapterWorkloads (shrink) {
  return [
    { ...objectsWorkload(100_000 / shrink), webStrategy: new CountQueuingStrategy({ highWaterMark: 16 }) },
    bytesWorkload(Math.floor(4096 / shrink)) // 4096 x 64 KiB = 256 MiB
  ]
}

/** A Readable of `lib` pushing the workload's chunks while push returns true. */
function nodeSource (lib, workload) {
  const next = workload.producer(false)
  return new lib.Readable({
    objectMode: workload.objectMode,
    read () {
      for (let chunk = next(); chunk !== null; chunk = next()) if (!this.push(chunk)) return
      this.push(null)
    }
  })
}

/** A Writable of `lib` handing every chunk to `take`. */
function nodeSink (lib, workload, take) {
  return new lib.Writable({
    objectMode: workload.objectMode,
    write (chunk, encoding, callback) { take(chunk); callback() }
  })
}

/** A ReadableStream enqueuing the workload's chunks while its queue has room. */
function webSource (workload) {
  const next = workload.producer(true)
  return new ReadableStream({
    pull (controller) {
      while (controller.desiredSize > 0) {
        const chunk = next()
        if (chunk === null) return controller.close()
        controller.enqueue(chunk)
      }
    }
  }, workload.webStrategy)
}

/** A WritableStream handing every chunk to `take`. */
function webSink (take) {
  return new WritableStream({ write (chunk) { take(chunk) } })
}

/** Resolves on the end of `readable` while 'data' feeds `take`; rejects on its 'error'. */
function drain (readable, take) {
  return new Promise((resolve, reject) => {
    readable.on('data', take)
    readable.on('end', resolve)
    readable.on('error', reject)
  })
}

/** Resolves on the 'finish' of `writable`; rejects on its 'error'. */
function finished (writable) {
  return new Promise((resolve, reject) => {
    writable.on('finish', resolve)
    writable.on('error', reject)
  })
}

/** Writes the workload's chunks with `writer`, waiting for `ready` when it has no room, then closes. */
async function writeAll (writer, workload) {
  const next = workload.producer(true)
  for (let chunk = next(); chunk !== null; chunk = next()) {
    if (!(writer.desiredSize > 0)) await writer.ready
    writer.write(chunk).catch(() => {}) // a failed write also rejects ready and close
  }
  await writer.close()
}

/** Pipes `source` into `sink` by hand: pause when write returns false, resume on 'drain', end on 'end'. */
function wire (source, sink) {
  source.on('error', err => sink.destroy(err))
  source.on('data', chunk => { if (!sink.write(chunk)) source.pause() })
  sink.on('drain', () => source.resume())
  source.on('end', () => sink.end())
  return finished(sink)
}

// Each case runs one contender: `lib` is node:stream or highwater, or null for the web streams reference.
export const adapterCases = [
  {
    name: 'a. Readable.toWeb',
    native: true,
    async run (lib, workload, take) {
      const stream = lib ? lib.Readable.toWeb(nodeSource(lib, workload)) : webSource(workload)
      for await (const chunk of stream) take(chunk)
    }
  },
  {
    name: 'b. Readable.fromWeb',
    native: true,
    run: (lib, workload, take) => lib
      ? drain(lib.Readable.fromWeb(webSource(workload), { objectMode: workload.objectMode }), take)
      : webSource(workload).pipeTo(webSink(take))
  },
  {
    name: 'c. Writable.toWeb',
    native: true,
    async run (lib, workload, take) {
      if (!lib) return writeAll(webSink(take).getWriter(), workload)
      const sink = nodeSink(lib, workload, take)
      const done = finished(sink)
      await writeAll(lib.Writable.toWeb(sink).getWriter(), workload)
      await done
    }
  },
  {
    name: 'd. Writable.fromWeb',
    native: true,
    run: (lib, workload, take) => lib
      ? wire(nodeSource(lib, workload), lib.Writable.fromWeb(webSink(take), { objectMode: workload.objectMode }))
      : writeAll(webSink(take).getWriter(), workload)
  },
  {
    name: 'e. round trip',
    run (lib, workload, take) {
      const web = lib.Readable.toWeb(nodeSource(lib, workload)).pipeThrough(new TransformStream())
      return wire(lib.Readable.fromWeb(web, { objectMode: workload.objectMode }), nodeSink(lib, workload, take))
    }
  }
]


/** A timeCases run of `adapterCase` on `workload`, failing a run that stalls, with how far it got. */
export function adapterRun (adapterCase, workload) {
  return async (lib, take, tally) => {
    try {
      await guard(adapterCase.run(lib, workload, take), () => tally.count)
    } catch (error) {
      throw new Error(`${error.message} (got count ${tally.count})`, { cause: error }) // how far the failed run got
    }
  }
}
