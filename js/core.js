/**
 * The wasm core as the façade sees it: the exported functions, plus the state bits `S` and
 * action bits `A` whose values are read from Rust once, so they are defined in one place.
 */
import * as glue from '#core';

/**
 * The exported wasm functions as plain properties of one object: copied once, because a bundled
 * CommonJS glue module is otherwise reached through a getter per call.
 */
export const core = { ...glue };

function parse(list) {
  const bits = Object.create(null);
  for (const pair of list.split(';')) {
    const [name, value] = pair.split('=');
    bits[name] = Number(value) >>> 0;
  }
  return Object.freeze(bits);
}

const [stateList, actionList] = core.hw_constants().split('|');

/** State bits of a readable core (Node's `kState` bits). */
export const S = parse(stateList);
/** Action bits returned by core calls. */
export const A = parse(actionList);
/** Any of the three ways a read takes data. */
export const TAKE = A.TAKE_FIRST | A.TAKE_ALL | A.TAKE_N;
/** Option bits of `rd_new` (see src/wasm.rs). */
export const OPT = Object.freeze({ OBJECT_MODE: 1, NO_EMIT_CLOSE: 2, NO_AUTO_DESTROY: 4, DECODER: 8 });
