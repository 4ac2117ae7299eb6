//! `rd_` exports: the readable side.

use wasm_bindgen::prelude::*;

side_fns! { readable;
    "The state word."
    fn rd_state() -> u32 = 0, |r| r.state();
    "Buffered length."
    fn rd_length() -> f64 = f64::NAN, |r| r.length();
    "Current `highWaterMark`."
    fn rd_hwm() -> f64 = f64::NAN, |r| r.high_water_mark();
    "Set the `highWaterMark` (a web strategy's); false when invalid."
    fn rd_set_hwm(value: f64) -> bool = false, |r| r.set_high_water_mark(value);
    "`push` of a non-null chunk."
    fn rd_push(raw_len: f64, len: f64) -> u32 = 0, |r| r.push(raw_len, len);
    "The checks of `push` before a decoder sees the chunk."
    fn rd_push_to_decoder() -> u32 = 0, |r| r.push_to_decoder();
    "`unshift` of a non-null chunk."
    fn rd_unshift(len: f64) -> u32 = 0, |r| r.unshift(len);
    "`push(null)`."
    fn rd_push_eof(tail_len: f64, readable_listeners: bool) -> u32 = 0, |r| r.push_eof(tail_len, readable_listeners);
    "`read(n)` up to `_read`."
    fn rd_read(n: f64) -> u32 = 0, |r| r.read(n);
    "How many units a web pull reads (NaN: `read()`)."
    fn rd_web_read_size() -> f64 = f64::NAN, |r| r.web_read_size();
    "`flow()`'s `read()` up to `_read`: nothing when not flowing."
    fn rd_flow_read() -> u32 = 0, |r| r.flow_read();
    "`read(n)` after `_read`."
    fn rd_read_after_read(n: f64) -> u32 = 0, |r| r.read_after_read(n);
    "The `emitReadable_` tick."
    fn rd_readable_tick() -> u32 = 0, |r| r.readable_tick();
    "After `'readable'` listeners ran."
    fn rd_after_readable_tick(emitted: bool) -> u32 = 0, |r| r.after_readable_tick(emitted);
    "After push's `'data'` listeners ran: read more, and push's answer."
    fn rd_after_data() -> u32 = 0, |r| r.after_data();
    "The `maybeReadMore_` tick starts its loop: whether to call `read(0)`."
    fn rd_read_more_start() -> bool = false, |r| r.read_more_start();
    "After the loop's `read(0)`: whether to read again."
    fn rd_read_more_again() -> bool = false, |r| r.read_more_again();
    "A web reader's pull starts or stops waiting for data (`Readable.toWeb`)."
    fn rd_set_web_waiting(waiting: bool) -> u32 = 0, |r| r.set_web_waiting(waiting);
    "The `endReadableNT` tick."
    fn rd_end_tick() -> u32 = 0, |r| r.end_tick();
    "`setEncoding` with the re-decoded queue length."
    fn rd_set_encoding(len: f64) -> u32 = 0, |r| { r.set_encoding(len); 0 };
    "A `'data'` listener was added."
    fn rd_on_data(readable_listeners: bool) -> u32 = 0, |r| r.on_data(readable_listeners);
    "The last `'data'` listener was removed."
    fn rd_off_data() -> u32 = 0, |r| { r.off_data(); 0 };
    "A `'readable'` listener was added."
    fn rd_on_readable() -> u32 = 0, |r| r.on_readable();
    "The tick after `'readable'` listeners were removed."
    fn rd_update_readable_listening(readable_listeners: bool) -> u32 = 0, |r| r.update_readable_listening(readable_listeners);
    "`resume()`."
    fn rd_resume() -> u32 = 0, |r| r.resume();
    "The `resume_` tick."
    fn rd_resume_tick() -> u32 = 0, |r| r.resume_tick();
    "Clear the resume-scheduled mark."
    fn rd_resume_scheduled_done() -> u32 = 0, |r| { r.resume_scheduled_done(); 0 };
    "The last step of the `resume_` tick."
    fn rd_resume_tick_end() -> u32 = 0, |r| r.resume_tick_end();
    "`pause()`."
    fn rd_pause() -> u32 = 0, |r| r.pause();
    "`isPaused()`."
    fn rd_is_paused() -> bool = false, |r| r.is_paused();
    "A readable side's on-constructed step."
    fn rd_on_constructed() -> u32 = 0, |r| r.on_constructed();
    "Whether `flow()` keeps reading."
    fn rd_is_flowing() -> bool = false, |r| r.is_flowing();
    "The `readableFlowing` setter: -1 null, 0 false, 1 true."
    fn rd_set_flowing(value: i32) -> u32 = 0, |r| { r.set_flowing(if value < 0 { None } else { Some(value != 0) }); 0 };
    "Node's `isReadableFinished(stream, !lenient)`."
    fn rd_finished(lenient: bool) -> bool = false, |r| r.finished(lenient);
    "The `readable` setter."
    fn rd_set_readable(readable: bool) -> u32 = 0, |r| { r.set_readable(readable); 0 };
    "`readableAborted`."
    fn rd_aborted() -> bool = false, |r| r.aborted();
    "The `readable` getter."
    fn rd_readable() -> bool = false, |r| r.readable();
    "How many units the last `TAKE_N` took."
    fn rd_taken() -> f64 = 0.0, |r| r.taken();
    "`desiredSize` as the web side sees it."
    fn rd_desired_size() -> f64 = f64::NAN, |r| r.desired_size();
    "An assignment to a bit field of `_readableState`; false when `bit` is not one."
    fn rd_assign(bit: u32, on: bool) -> bool = false, |r| r.assign(bit, on);
}
