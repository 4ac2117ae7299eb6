/**
 * The wasm core as the façade sees it: the exported functions, plus the core's bits and codes,
 * whose values are read from Rust once (`hw_constants`) so they are defined in one place.
 */
import * as glue from '../../dist/wasm/highwater_bg.js';
import wasmModule from '../../dist/wasm/module.js';

// Instantiated here, synchronously, from a module compiled on import (embedded in the JS, or
// handed over by the platform), so every bundler and runtime loads it without configuration and
// a stream can be made at once. The import object is the glue, under the name the wasm asks for.
const instance = new WebAssembly.Instance(wasmModule, { './highwater_bg.js': glue });
glue.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

/**
 * The raw wasm exports, under the glue: bench/calls.js hands the glue a counting copy of them
 * (`glue.__wbg_set_wasm`) to count every JS→wasm crossing, the closures' included.
 */
export const wasmExports = instance.exports;

/**
 * The exported wasm functions as plain properties of one object: copied once, because a bundled
 * module namespace is otherwise reached through a getter per call. The glue's own `__wbg_*` and
 * `__wbindgen_*` functions (what the wasm imports, and the instance setter) are left out.
 */
export const core = { ...Object.fromEntries(Object.entries(glue).filter(([name]) => !name.startsWith('__'))) };

// Collected here, then copied by spread into fresh objects below: an object that grew key by key
// is in V8's slow dictionary mode, while a spread copy has fast properties, which optimized code
// reads like literals (the hot paths read many of these bits).
const groups = {};
for (const entry of core.hw_constants().split(/[|;]/)) {
  const [name, value] = entry.split('=');
  const [group, key] = name.split('.');
  (groups[group] ??= {})[key] = Number(value) >>> 0;
}

/** Readable state bits (Node's `kState` bits). */
export const S = Object.freeze({ ...groups.S });
/** Action bits returned by readable-side and lifecycle calls. */
export const A = Object.freeze({ ...groups.A });
/** Writable state bits. */
export const WS = Object.freeze({ ...groups.WS });
/** Action bits returned by writable-side calls. */
export const WA = Object.freeze({ ...groups.WA });
/** Option bits of `st_new`. */
export const OPT = Object.freeze({ ...groups.OPT });
/** What follows 'end' (`st_after_end`). */
export const AFTER_END = Object.freeze({ ...groups.AFTER_END });
/** What `end(cb)` does with `cb` (`wr_end_callback`). */
export const END_CB = Object.freeze({ ...groups.END_CB });
/** Any of the three ways a read takes data. */
export const TAKE = A.TAKE_FIRST | A.TAKE_ALL | A.TAKE_N;
