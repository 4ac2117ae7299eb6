/**
 * readable.pipe(dest) and unpipe (Node's semantics): write each chunk to every destination,
 * pause the source while a destination's write() returned false and resume once all of them
 * drained; end the destinations at the source's end unless `{ end: false }`.
 */
import { kCore, kFields, kHandle } from './fields.js';
import { restore } from './lifetime.js';
import { core, S } from '../platform/core.js';
import { nextTick } from '../platform/tick.js';
import { errorOrDestroy } from './destroy.js';
import { prependListener } from './stream.js';

/** A chunk was handed out: no destination is owed a 'drain' for it any more. */
export function clearAwaitDrain(src) {
  if (src[kFields].multiAwaitDrain) src[kFields].awaitDrainWriters.clear();
  else src[kFields].awaitDrainWriters = null;
}

/** Whether `stream` already emitted its 'error' (as Node reads it); an emitter without state is taken as having done so. */
function errorEmitted(stream) {
  const state = stream._writableState || stream._readableState;
  return state ? state.errorEmitted === true : true;
}

/** An 'error' emitted by hand on a stream that has not errored: destroy it with it, as Node does. */
function errorOrDestroyAny(stream, err) {
  const state = stream._writableState || stream._readableState;
  if (stream[kHandle] !== undefined) errorOrDestroy(stream, err);
  else if (state.autoDestroy || state.destroyed) stream.destroy(err); // a no-op once destroyed
  else stream.emit('error', err);
}

/** `src.pipe(dest, options)`; returns `dest`. */
export function pipe(src, dest, pipeOptions) {
  if (src[kFields].pipes.length === 1 && !src[kFields].multiAwaitDrain) {
    src[kFields].multiAwaitDrain = true;
    src[kFields].awaitDrainWriters = new Set(src[kFields].awaitDrainWriters ? [src[kFields].awaitDrainWriters] : []);
  }
  src[kFields].pipes.push(dest);

  const processStdio = globalThis.process;
  const doEnd = (!pipeOptions || pipeOptions.end !== false) &&
    dest !== processStdio?.stdout && dest !== processStdio?.stderr;
  const endFn = doEnd ? onend : unpipe;
  if (src.readableEnded) nextTick(endFn);
  else src.once('end', endFn);

  dest.on('unpipe', onunpipe);
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }

  function onend() {
    dest.end();
  }

  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    // Owed a 'drain' by this destination? Release it, or the source would never flow again.
    if (ondrain && src[kFields].awaitDrainWriters) ondrain();
  }

  function pause() {
    // The user may have unpiped during dest.write(): then do not pause for it.
    if (!cleanedUp) {
      if (src[kFields].pipes.length === 1 && src[kFields].pipes[0] === dest) {
        src[kFields].awaitDrainWriters = dest;
        src[kFields].multiAwaitDrain = false;
      } else if (src[kFields].pipes.length > 1 && src[kFields].pipes.includes(dest)) {
        src[kFields].awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }

  src.on('data', ondata);
  function ondata(chunk) {
    try {
      if (dest.write(chunk) === false) pause();
    } catch (error) {
      dest.destroy(error);
    }
  }

  // A destination's error stops the piping into it, and is still thrown when nobody listens.
  function onerror(err) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      if (errorEmitted(dest)) dest.emit('error', err);
      else errorOrDestroyAny(dest, err);
    }
  }
  prependListener(dest, 'error', onerror);

  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }
  dest.once('close', onclose);
  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }
  dest.once('finish', onfinish);

  function unpipe() {
    src.unpipe(dest);
  }

  dest.emit('pipe', src);

  if (dest.writableNeedDrain === true) pause();
  else if (!(core.rd_state(src[kCore] || restore(src)) & S.FLOWING)) src.resume();

  return dest;
}

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    if (src[kFields].awaitDrainWriters === dest) src[kFields].awaitDrainWriters = null;
    else if (src[kFields].multiAwaitDrain) src[kFields].awaitDrainWriters.delete(dest);
    if ((!src[kFields].awaitDrainWriters || src[kFields].awaitDrainWriters.size === 0) &&
        (core.rd_state(src[kCore] || restore(src)) & S.DATA_LISTENING)) {
      src.resume();
    }
  };
}

/** `src.unpipe(dest?)`: stop piping into `dest`, or into every destination. */
export function unpipe(src, dest) {
  if (src[kFields].pipes.length === 0) return src;
  if (!dest) {
    const dests = src[kFields].pipes;
    src[kFields].pipes = [];
    src.pause();
    for (const d of dests) d.emit('unpipe', src, { hasUnpiped: false });
    return src;
  }
  const index = src[kFields].pipes.indexOf(dest);
  if (index === -1) return src;
  src[kFields].pipes.splice(index, 1);
  if (src[kFields].pipes.length === 0) src.pause();
  dest.emit('unpipe', src, { hasUnpiped: false });
  return src;
}
