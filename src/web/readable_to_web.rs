//! `Readable.toWeb`: a native `ReadableStream` that reads a Node-style Readable one chunk per
//! pull, with no queue of its own.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{QueuingStrategy, ReadableStream};

use super::sys::{ByobRequest, State};
use super::{call, held, is_error, method, set, Bridge};

/// The Rust state of a `ReadableStream` made from a Node-style Readable; its JS values are in
/// the bridge's [`State`]: `node`, `controller`, and `resolve` of a pull that waits.
struct Source {
    /// The façade's `readChunk(stream)`: `node.read()`, one chunk of it after `setEncoding`.
    read: Function,
    /// A pull waits for the Node side to have data (`resolve` settles it).
    waiting: Cell<bool>,
    /// Closed, errored or canceled: nothing more is enqueued.
    done: Cell<bool>,
    /// For a byte stream (`type: 'bytes'`, BYOB readers): the helper that turns a chunk into a
    /// fresh Uint8Array (a copy: a byte stream takes over, detaches, the memory it is given;
    /// strings after `setEncoding` are encoded).
    to_bytes: Option<Function>,
    /// The façade's `webWaiting(stream, waiting)`.
    web_waiting: Function,
    /// The façade's `defer(state)`: a promise whose resolve/reject go to the state.
    defer: Function,
}

impl Source {
    /// Move one chunk from the Node side to the web side, if it has one; true when moved (or
    /// when nothing more will come).
    fn take_one(&self, state: &State) -> Result<bool, JsValue> {
        // Until `done` (set before the release) the state holds `node`, and `controller` from
        // `start`, which comes before any pull: no check per chunk (each is a call into JS).
        if self.done.get() {
            return Ok(true);
        }
        let chunk = self.read.call1(&JsValue::UNDEFINED, &state.node())?;
        if chunk.is_null() {
            return Ok(false);
        }
        let chunk = match &self.to_bytes {
            Some(to_bytes) => to_bytes.call1(&JsValue::UNDEFINED, &chunk)?,
            None => chunk,
        };
        state.readable_controller().enqueue(&chunk)?;
        Ok(true)
    }

    /// Settle a waiting pull (the Node side stops counting it as a reader that waits).
    fn wake(&self, state: &State) -> Result<(), JsValue> {
        if self.waiting.replace(false) {
            self.set_waiting(state, false)?;
            if let Some(resolve) = held(state.resolve()) {
                resolve.call0(&JsValue::UNDEFINED)?;
            }
        }
        Ok(())
    }

    /// Tell the Node side whether a pull waits: it then reads on after a push that added
    /// nothing, as for a flowing consumer (the core's read-more rule).
    fn set_waiting(&self, state: &State, waiting: bool) -> Result<(), JsValue> {
        if let Some(node) = held(state.node()) {
            self.web_waiting.call2(&JsValue::UNDEFINED, &node, &JsValue::from_bool(waiting))?;
        }
        Ok(())
    }

    /// The bridge is over: let go of every JS value.
    fn release(&self, state: &State) {
        self.waiting.set(false);
        state.set_node(&JsValue::UNDEFINED);
        state.set_controller(&JsValue::UNDEFINED);
        state.set_resolve(&JsValue::UNDEFINED);
        state.set_reject(&JsValue::UNDEFINED);
    }
}

/// `Readable.toWeb(node)`: a native `ReadableStream` that reads `node` one chunk per pull.
/// `bytes`: a byte stream (`type: 'bytes'`). `web_strategy`: a strategy the Node side cannot
/// count in its unit, which then gets a queue of its own; else the web side queues nothing
/// (highWaterMark 0). `helpers`: `{ bind(f, state), defer(state), eos(stream, cb),
/// destroyer(stream, reason), byteChunk(chunk), webWaiting(stream, waiting), readChunk(stream) }`
/// from the façade.
#[wasm_bindgen]
pub fn web_readable_to_web(
    node: JsValue,
    bytes: bool,
    web_strategy: Option<QueuingStrategy>,
    helpers: Object,
) -> Result<ReadableStream, JsValue> {
    let to_bytes = if bytes { Some(method(&helpers, "byteChunk")?) } else { None };
    let source = Rc::new(Source {
        read: method(&helpers, "readChunk")?,
        waiting: Cell::new(false),
        done: Cell::new(false),
        to_bytes,
        web_waiting: method(&helpers, "webWaiting")?,
        defer: method(&helpers, "defer")?,
    });
    let bridge = Bridge::new(&helpers)?;
    bridge.state.set_node(&node);
    let underlying = Object::new();
    if bytes {
        set(&underlying, "type", &JsValue::from_str("bytes"))?;
    }

    set(
        &underlying,
        "start",
        &bridge.one(move |st, controller| {
            st.set_controller(&controller);
            Ok(JsValue::UNDEFINED)
        })?,
    )?;

    let s = source.clone();
    set(
        &underlying,
        "pull",
        &bridge.one(move |st, _controller| {
            if s.take_one(&st)? {
                // Done at once: the platform takes a plain return as a settled pull.
                return Ok(JsValue::UNDEFINED);
            }
            // Nothing buffered: wait for 'readable' (or the end) to settle this pull.
            let promise = s.defer.call1(&JsValue::UNDEFINED, &st)?;
            s.waiting.set(true);
            s.set_waiting(&st, true)?;
            Ok(promise)
        })?,
    )?;

    let s = source.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(
        &underlying,
        "cancel",
        &bridge.one(move |st, reason| {
            s.done.set(true);
            s.wake(&st)?;
            let node = held(st.node());
            s.release(&st);
            match node {
                Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
                None => Ok(JsValue::UNDEFINED),
            }
        })?,
    )?;

    // 'readable': the Node side has data (or reached its end) for a waiting pull.
    let s = source.clone();
    call(
        &node,
        "on",
        &[
            &"readable".into(),
            &bridge.one(move |st, _| {
                if s.waiting.get() && s.take_one(&st)? {
                    s.wake(&st)?;
                }
                Ok(JsValue::UNDEFINED)
            })?,
        ],
    )?;

    // The end of the Node side closes or errors the web side, once.
    let s = source;
    let eos = method(&helpers, "eos")?;
    eos.call2(
        &JsValue::UNDEFINED,
        &node,
        &bridge.one(move |st, error| {
            if s.done.replace(true) {
                return Ok(JsValue::UNDEFINED);
            }
            let controller = held(st.readable_controller());
            s.wake(&st)?;
            s.release(&st);
            let Some(controller) = controller else { return Ok(JsValue::UNDEFINED) };
            if is_error(&error) {
                controller.error(&error)?;
                return Ok(JsValue::UNDEFINED);
            }
            controller.close()?;
            // A BYOB read still waiting gets its answer: no more bytes.
            let request = controller.byob_request()?;
            if is_error(&request) {
                request.unchecked_into::<ByobRequest>().respond(0.0)?;
            }
            Ok(JsValue::UNDEFINED)
        })?,
    )?;

    let strategy = web_strategy.unwrap_or_else(|| {
        let strategy = QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        strategy
    });
    ReadableStream::new_with_underlying_source_and_strategy(&underlying, &strategy)
}
