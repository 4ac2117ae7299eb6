/**
 * A stream's record (core/src/record.rs): the state, lengths and answers its core publishes
 * after every call, read here through typed-array views of wasm memory instead of by calling
 * the core. A retired stream (js/streams/lifetime.js) keeps a copy of its last record, so its
 * getters cost no call and allocate nothing.
 */
import { kCore, kRecord, kRetiredRecord } from './fields.js';
import { ANS, memory, memoryViews, POSTED, REC, WA } from '../platform/core.js';

/** A `Uint32Array` field of the record (`REC.R_STATE`, `REC.ANSWERS`, …). */
export function recordWord(stream, field) {
  const at = stream[kRecord];
  return at >= 0 ? memoryViews().u32[at + field] : stream[kRetiredRecord].u32[field];
}

/** A `Float64Array` field of the record (`REC.R_LENGTH`, `REC.W_HWM`, …). */
export function recordNumber(stream, field) {
  const at = stream[kRecord];
  return at >= 0 ? memoryViews().f64[(at >> 1) + field] : stream[kRetiredRecord].f64[field];
}

/** The record's answer bits (`ANS`) the hot paths read (`R_FLOWING`, the plans' own). */
export function answers(stream) {
  return recordWord(stream, REC.ANSWERS);
}

/**
 * A getter's answer (`ANS` bit `bit`): the core's (`ask(handle)`, a call) while the core lives,
 * its kept record's once retired.
 */
export function answer(stream, bit, ask) {
  return stream[kRecord] >= 0 ? ask(stream[kCore]) : (stream[kRetiredRecord].u32[REC.ANSWERS] & bit) !== 0;
}

/** A `Uint32Array` field a live record does not publish (`REC.W_CORKED`): as `answer`. */
export function keptWord(stream, field, ask) {
  return stream[kRecord] >= 0 ? ask(stream[kCore]) : stream[kRetiredRecord].u32[field];
}

/**
 * Carry out a planned step without a call: what the core planned for it (the state word, the
 * length) becomes the record's, and the step is posted for the core to apply at its next call.
 * Each returns the plan's answer, or -1 when the plan cannot be used (the stream is retired,
 * the core published no plan for the step, or a step the plan does not follow is posted
 * already, `after`: the plan predates it): then call the core.
 */
function plannable(stream, plan, after) {
  const at = stream[kRecord];
  if (at < 0) return -1;
  const u32 = memoryViews().u32;
  return u32[at + REC.ANSWERS] & plan && !(u32[at + REC.POSTED] & after) ? at : -1;
}

/** A push's `'data'` listeners ran: the answers, with the plan's `R_PUSH_MORE` and `R_READ_MORE_AFTER_DATA`. */
export function postAfterData(stream) {
  const at = plannable(stream, ANS.R_PLAN_AFTER_DATA, POSTED.AFTER_DATA);
  if (at < 0) return -1;
  const u32 = memory.u32;
  u32[at + REC.R_STATE] = u32[at + REC.R_STATE_AFTER_DATA];
  u32[at + REC.POSTED] |= POSTED.AFTER_DATA;
  return u32[at + REC.ANSWERS];
}

/** The callback of a write without callback ran, without an error, while `_write` runs: `st_onwrite`'s bits. */
export function postOnwrite(stream) {
  // Planned for a callback called while `_write` runs: not once it returned.
  const at = plannable(stream, ANS.W_PLAN_ONWRITE, POSTED.ONWRITE | POSTED.WRITE_DONE);
  if (at < 0) return -1;
  const u32 = memory.u32;
  u32[at + REC.W_STATE] = u32[at + REC.W_STATE_AFTER_ONWRITE];
  memory.f64[(at >> 1) + REC.W_LENGTH] = memory.f64[(at >> 1) + REC.W_LENGTH_AFTER_ONWRITE];
  u32[at + REC.POSTED] |= POSTED.ONWRITE;
  return u32[at + REC.ONWRITE_ACTIONS];
}

/**
 * A Transform's callback ran, its value pushed, for its own onwrite of a write without callback:
 * `st_transform_callback`'s bits as the core planned them (the callback held or put off to the
 * next tick, or run now, which is the planned onwrite).
 */
export function postTransformCallback(stream) {
  const at = plannable(stream, ANS.T_CALLBACK_NOW | ANS.T_CALLBACK_HOLD | ANS.T_CALLBACK_NEXT_TICK, POSTED.ONWRITE);
  if (at < 0) return -1;
  const answers = memory.u32[at + REC.ANSWERS];
  if (answers & ANS.T_CALLBACK_HOLD) return WA.CALLBACK_HOLD;
  if (answers & ANS.T_CALLBACK_NEXT_TICK) return WA.CALLBACK_NEXT_TICK;
  return postOnwrite(stream);
}

/** `_write` returned: 1 when write returns true, else 0. */
export function postWriteDone(stream) {
  const at = plannable(stream, ANS.W_PLAN_WRITE_DONE, POSTED.WRITE_DONE);
  if (at < 0) return -1;
  const u32 = memory.u32;
  const answers = u32[at + REC.ANSWERS];
  // After a posted callback, the plan that follows it.
  const onwrite = (u32[at + REC.POSTED] & POSTED.ONWRITE) !== 0;
  u32[at + REC.W_STATE] = u32[at + (onwrite ? REC.W_STATE_AFTER_ONWRITE_WRITE : REC.W_STATE_AFTER_WRITE)];
  u32[at + REC.POSTED] |= POSTED.WRITE_DONE;
  return answers & (onwrite ? ANS.W_WRITE_TRUE_AFTER_ONWRITE : ANS.W_WRITE_TRUE) ? 1 : 0;
}

/** Keep a copy of the record of a stream whose core is about to be retired. */
export function keepRecord(stream) {
  const at = stream[kRecord];
  const u32 = new Uint32Array(REC.WORDS);
  u32.set(memoryViews().u32.subarray(at, at + REC.WORDS));
  stream[kRetiredRecord] = { u32, f64: new Float64Array(u32.buffer) };
  stream[kRecord] = -1;
}
