//! What both sides of a stream share: destroy, errors and construction (Node's `destroy.js`).
//!
//! The lifecycle bits ([`crate::side::bits`]) sit at the same places in the readable and the
//! writable state words, as in Node; a rule here reads or sets them on every side the stream
//! has. Its answers are readable-side [`Actions`] (the façade reads them as `A`).

use crate::readable::act::{
    ALREADY, CALL_DESTROY, CONSTRUCTED_OK, DESTROY, EMIT_CLOSE, EMIT_ERROR, SET_ERRORED, TICK_ERROR, WAIT_CONSTRUCT,
};
use crate::readable::{Actions, Readable};
use crate::side::bits::{
    AUTO_DESTROY, CLOSED, CLOSE_EMITTED, CONSTRUCTED, CONSTRUCT_CALLBACK_DUE, DESTROYED, DESTROY_CALLBACK_DUE,
    EMIT_CLOSE_OPTION, ERRORED, ERROR_EMITTED,
};
use crate::writable::Writable;

/// Destroy, error and construct rules over the state words of a stream's sides.
pub trait Lifecycle {
    /// The state word of each side the stream has: the readable side first, then the writable.
    fn sides(&mut self) -> [Option<&mut u32>; 2];

    /// Whether any side has any of `bits`.
    fn any(&mut self, bits: u32) -> bool {
        self.sides().into_iter().flatten().any(|word| *word & bits != 0)
    }

    /// Whether the side that decides has `bits`: the writable side when there is one (Node's
    /// `const s = w || r`).
    fn deciding_side_has(&mut self, bits: u32) -> bool {
        let [r, w] = self.sides();
        w.or(r).is_some_and(|word| *word & bits != 0)
    }

    /// Set `bits` on every side.
    fn set_all(&mut self, bits: u32) {
        for word in self.sides().into_iter().flatten() {
            *word |= bits;
        }
    }

    /// Clear `bits` on every side.
    fn clear_all(&mut self, bits: u32) {
        for word in self.sides().into_iter().flatten() {
            *word &= !bits;
        }
    }

    /// Record an error on every side that has none yet (`SET_ERRORED` when one did not).
    fn check_error(&mut self, has_error: bool) -> Actions {
        let mut out = Actions::NONE;
        if has_error {
            for word in self.sides().into_iter().flatten() {
                if *word & ERRORED == 0 {
                    *word |= ERRORED;
                    out = SET_ERRORED;
                }
            }
        }
        out
    }

    /// `destroy(err)`. `ALREADY`: only call the callback. Otherwise `SET_ERRORED` (an error was
    /// given and none is stored), then `CALL_DESTROY`, or `WAIT_CONSTRUCT` while constructing.
    fn destroy(&mut self, has_error: bool) -> Actions {
        if self.any(DESTROYED) {
            return ALREADY;
        }
        let out = self.check_error(has_error);
        self.set_all(DESTROYED);
        if self.deciding_side_has(CONSTRUCTED) {
            self.set_all(DESTROY_CALLBACK_DUE);
            out | CALL_DESTROY
        } else {
            out | WAIT_CONSTRUCT
        }
    }

    /// `_destroy`'s callback ran. `ALREADY` when it had called back before: nothing happens (as
    /// in Node, which ignores the second call). Else, in order: `SET_ERRORED`, the user's
    /// callback, then the error/close tick.
    fn destroyed(&mut self, has_error: bool) -> Actions {
        if !self.any(DESTROY_CALLBACK_DUE) {
            return ALREADY;
        }
        self.clear_all(DESTROY_CALLBACK_DUE);
        let out = self.check_error(has_error);
        self.set_all(CLOSED);
        out
    }

    /// The `'error'` emission: `EMIT_ERROR` unless an error was already emitted.
    fn error_tick(&mut self) -> Actions {
        if self.any(ERROR_EMITTED) {
            return Actions::NONE;
        }
        self.set_all(ERROR_EMITTED);
        EMIT_ERROR
    }

    /// The `'close'` emission: `EMIT_CLOSE` unless `emitClose` is false on every side.
    fn close_tick(&mut self) -> Actions {
        self.set_all(CLOSE_EMITTED);
        if self.any(EMIT_CLOSE_OPTION) {
            EMIT_CLOSE
        } else {
            Actions::NONE
        }
    }

    /// `errorOrDestroy(err, sync)`: `DESTROY` with `autoDestroy`, else `SET_ERRORED` and the
    /// error emitted now (`EMIT_ERROR`) or on a tick (`TICK_ERROR`).
    fn error_or_destroy(&mut self, has_error: bool, sync: bool) -> Actions {
        if self.any(DESTROYED) {
            return Actions::NONE;
        }
        if self.any(AUTO_DESTROY) {
            return DESTROY;
        }
        if !has_error {
            return Actions::NONE;
        }
        let out = self.check_error(true);
        if sync {
            out | TICK_ERROR
        } else {
            out | self.error_tick()
        }
    }

    /// `_construct` is about to be called: every side waits for it.
    fn construct_begin(&mut self) {
        self.clear_all(CONSTRUCTED);
        self.set_all(CONSTRUCT_CALLBACK_DUE);
    }

    /// `_construct`'s callback ran (on the tick after it was called). `ALREADY` when it had
    /// called back before: the façade raises `ERR_MULTIPLE_CALLBACK` through `errorOrDestroy`.
    /// Else `WAIT_CONSTRUCT` (run the destroy that waited), the error path of
    /// [`Lifecycle::error_or_destroy`], or `CONSTRUCTED_OK` (run each side's on-constructed
    /// step, readable side first).
    fn constructed(&mut self, has_error: bool) -> Actions {
        if !self.any(CONSTRUCT_CALLBACK_DUE) {
            return ALREADY;
        }
        self.clear_all(CONSTRUCT_CALLBACK_DUE);
        self.set_all(CONSTRUCTED);
        if self.deciding_side_has(DESTROYED) {
            self.set_all(DESTROY_CALLBACK_DUE);
            WAIT_CONSTRUCT
        } else if has_error {
            self.error_or_destroy(true, true)
        } else {
            CONSTRUCTED_OK
        }
    }
}

impl Lifecycle for Readable {
    fn sides(&mut self) -> [Option<&mut u32>; 2] {
        [Some(self.state_mut()), None]
    }
}

impl Lifecycle for Writable {
    fn sides(&mut self) -> [Option<&mut u32>; 2] {
        [None, Some(self.state_mut())]
    }
}
