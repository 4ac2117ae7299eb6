/** Tie a stream's life to an AbortSignal (Node's add-abort-signal). */
import { eos } from './finished.js';
import { isNodeStream } from './utils.js';
import { AbortError, ERR_INVALID_ARG_TYPE } from '../platform/errors.js';

/** Throw ERR_INVALID_ARG_TYPE unless `signal` looks like an AbortSignal. */
export function validateAbortSignal(signal, name) {
  if (typeof signal !== 'object' || signal === null || !('aborted' in signal)) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

/** Destroy `stream` with an AbortError when `signal` aborts (now, if it already has). */
export function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || signal === null || !('aborted' in signal)) return stream;
  const onAbort = () => stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    eos(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

/** `addAbortSignal(signal, stream)`: destroy the stream with an AbortError when `signal` aborts. */
export function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}
