/**
 * A stream's record (core/src/record.rs): the state, lengths and answers its core publishes
 * after every call, read here through typed-array views of wasm memory instead of by calling
 * the core. A retired stream (js/streams/lifetime.js) keeps a copy of its last record, so its
 * getters cost no call and allocate nothing.
 */
import { kCore, kRecord, kRetiredRecord } from './fields.js';
import { ANS, memoryViews, POSTED, REC } from '../platform/core.js';

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
 * Carry out a planned step (`POSTED.AFTER_DATA` or `POSTED.WRITE_DONE`) without a call: the
 * state word the core planned for it becomes the record's, and the step is posted for the core
 * to apply at its next call. Returns the answers, which hold the plan's own (`R_PUSH_MORE`, …),
 * or -1 when the plan cannot be used (the stream is retired, the core published no plan for the
 * step, or the same step is still posted, so the plan predates it): then call the core.
 */
export function post(stream, event) {
  const at = stream[kRecord];
  if (at < 0) return -1;
  const u32 = memoryViews().u32;
  const answers = u32[at + REC.ANSWERS];
  const afterData = event === POSTED.AFTER_DATA;
  if (!(answers & (afterData ? ANS.R_PLAN_AFTER_DATA : ANS.W_PLAN_WRITE_DONE)) || u32[at + REC.POSTED] & event) return -1;
  if (afterData) u32[at + REC.R_STATE] = u32[at + REC.R_STATE_AFTER_DATA];
  else u32[at + REC.W_STATE] = u32[at + REC.W_STATE_AFTER_WRITE];
  u32[at + REC.POSTED] |= event;
  return answers;
}

/** Keep a copy of the record of a stream whose core is about to be retired. */
export function keepRecord(stream) {
  const at = stream[kRecord];
  const u32 = new Uint32Array(REC.WORDS);
  u32.set(memoryViews().u32.subarray(at, at + REC.WORDS));
  stream[kRetiredRecord] = { u32, f64: new Float64Array(u32.buffer) };
  stream[kRecord] = -1;
}
