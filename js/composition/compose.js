/**
 * compose (Node's): one Duplex over a chain of stages, writing into the first and reading from
 * the last, with the stages connected by pipeline. Stages are what pipeline takes; a function
 * at either end goes through Duplex.from.
 */
import { Duplex } from '../streams/duplex.js';
import { pipeline } from './pipeline.js';
import { eos } from './finished.js';
import { destroyer } from '../streams/destroy.js';
import { addAbortSignalNoValidate } from './abort.js';
import {
  isNodeStream, isReadable, isReadableStream, isTransformStream, isWebStream, isWritable, isWritableStream,
} from './utils.js';
import {
  AbortError, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, validateAbortSignal, validateObject,
} from '../platform/errors.js';

/** Whether `stream` can be read from: a readable Node-style stream or a web stream that reads. */
function canRead(stream) {
  return !!(isReadable(stream) || isReadableStream(stream) || isTransformStream(stream));
}

/** Whether `stream` can be written to. */
function canWrite(stream) {
  return !!(isWritable(stream) || isWritableStream(stream) || isTransformStream(stream));
}

/** `compose(...stages)`: a Duplex whose writes enter the first stage and whose reads leave the last. */
export function compose(...streams) {
  if (streams.length === 0) throw new ERR_MISSING_ARGS('streams');
  if (streams.length === 1) return Duplex.from(streams[0]);

  const given = streams.slice();
  const last = streams.length - 1;
  if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
  if (typeof streams[last] === 'function') streams[last] = Duplex.from(streams[last]);
  for (let n = 0; n < streams.length; n++) {
    const stream = streams[n];
    if (!isNodeStream(stream) && !isWebStream(stream)) continue;
    if (n < last && !canRead(stream)) throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be readable');
    if (n > 0 && !canWrite(stream)) throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, given[n], 'must be writable');
  }

  let ondrain = null; // the write callback waiting for the head's 'drain'
  let onfinish = null; // the _final callback waiting for the tail to finish
  let onclose; // undefined while the pipeline runs, then the _destroy callback waiting for it; null once it ended
  let duplex;

  const head = streams[0];
  const tail = pipeline(streams, (err) => {
    const callback = onclose;
    onclose = null;
    if (isWebStream(tail) && !err) finishWriting();
    if (callback) callback(err);
    else if (err) duplex.destroy(err);
    else if (!readable && !writable) duplex.destroy();
  });
  const writable = canWrite(head);
  const readable = canRead(tail);

  duplex = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });

  /** The tail is done: the Duplex's end() may complete. */
  function finishWriting() {
    const callback = onfinish;
    onfinish = null;
    callback?.();
  }

  if (writable) {
    if (isNodeStream(head)) {
      duplex._write = (chunk, encoding, callback) => {
        if (head.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      duplex._final = (callback) => {
        head.end();
        onfinish = callback;
      };
      head.on('drain', () => {
        const callback = ondrain;
        ondrain = null;
        callback?.();
      });
    } else if (isWebStream(head)) {
      const writer = (isTransformStream(head) ? head.writable : head).getWriter();
      duplex._write = async (chunk, encoding, callback) => {
        try {
          await writer.ready;
          writer.write(chunk).catch(() => {});
          callback();
        } catch (err) {
          callback(err);
        }
      };
      duplex._final = async (callback) => {
        try {
          await writer.ready;
          writer.close().catch(() => {});
          onfinish = callback;
        } catch (err) {
          callback(err);
        }
      };
    }
    // A web tail's end is seen by the pipeline callback above; a Node-style one's here.
    if (isNodeStream(tail)) eos(tail, finishWriting);
  }

  if (readable) {
    if (isNodeStream(tail)) {
      duplex._read = () => tail.resume();
      tail.on('data', (chunk) => {
        if (!duplex.push(chunk)) tail.pause();
      });
      tail.on('end', () => duplex.push(null));
    } else if (isWebStream(tail)) {
      const reader = (isTransformStream(tail) ? tail.readable : tail).getReader();
      duplex._read = async () => {
        for (;;) {
          let result;
          try {
            result = await reader.read();
          } catch {
            return; // the pipeline reports the error
          }
          if (result.done) {
            duplex.push(null);
            return;
          }
          if (!duplex.push(result.value)) return;
        }
      };
    }
  }

  duplex._destroy = (err, callback) => {
    if (!err && onclose !== null) err = new AbortError();
    ondrain = null;
    onfinish = null;
    if (isNodeStream(tail)) destroyer(tail, err);
    if (onclose === null) callback(err);
    else onclose = callback;
  };
  return duplex;
}

/** `readable.compose(stream, { signal })`: `compose(readable, stream)`, tied to `signal`. */
export function composeMethod(stream, options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
  const composed = compose(this, stream);
  if (options?.signal) addAbortSignalNoValidate(options.signal, composed);
  return composed;
}
