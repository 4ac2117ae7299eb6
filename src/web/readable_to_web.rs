//! `Readable.toWeb`: a native `ReadableStream` that reads a Node-style Readable one chunk per
//! pull, with no queue of its own.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{QueuingStrategy, ReadableStream};

use super::sys::{ByobRequest, ReadableController};
use super::{call, deferred, function, is_error, method, peek, put, set, take, Slot};

/// The state of a `ReadableStream` made from a Node-style Readable.
struct Source {
    node: Slot<JsValue>,
    /// The façade's `readChunk(stream)`: `node.read()`, one chunk of it after `setEncoding`.
    read: Function,
    controller: Slot<ReadableController>,
    /// The resolve function of a pull that waits for the Node side to have data.
    waiting: Slot<Function>,
    /// Closed, errored or canceled: nothing more is enqueued.
    done: Cell<bool>,
    /// For a byte stream (`type: 'bytes'`, BYOB readers): the helper that turns a chunk into a
    /// fresh Uint8Array (a copy: a byte stream takes over, detaches, the memory it is given;
    /// strings after `setEncoding` are encoded).
    to_bytes: Option<Function>,
    /// The façade's `webWaiting(stream, waiting)`.
    web_waiting: Function,
}

impl Source {
    /// Move one chunk from the Node side to the web side, if it has one; true when moved (or
    /// when nothing more will come).
    fn take_one(&self) -> Result<bool, JsValue> {
        let Some(node) = peek(&self.node) else { return Ok(true) };
        if self.done.get() {
            return Ok(true);
        }
        let chunk = self.read.call1(&JsValue::UNDEFINED, &node)?;
        if chunk.is_null() {
            return Ok(false);
        }
        if let Some(controller) = peek(&self.controller) {
            let chunk = match &self.to_bytes {
                Some(to_bytes) => to_bytes.call1(&JsValue::UNDEFINED, &chunk)?,
                None => chunk,
            };
            controller.enqueue(&chunk)?;
        }
        Ok(true)
    }

    /// Settle a waiting pull (the Node side stops counting it as a reader that waits).
    fn wake(&self) -> Result<(), JsValue> {
        if let Some(resolve) = take(&self.waiting) {
            self.set_waiting(false)?;
            resolve.call0(&JsValue::UNDEFINED)?;
        }
        Ok(())
    }

    /// Tell the Node side whether a pull waits: it then reads on after a push that added
    /// nothing, as for a flowing consumer (the core's read-more rule).
    fn set_waiting(&self, waiting: bool) -> Result<(), JsValue> {
        if let Some(node) = peek(&self.node) {
            self.web_waiting.call2(&JsValue::UNDEFINED, &node, &JsValue::from_bool(waiting))?;
        }
        Ok(())
    }

    /// The bridge is over: let go of every JS value.
    fn release(&self) {
        put(&self.node, None);
        put(&self.controller, None);
        put(&self.waiting, None);
    }
}

/// `Readable.toWeb(node)`: a native `ReadableStream` that reads `node` one chunk per pull.
/// `bytes`: a byte stream (`type: 'bytes'`). `web_strategy`: a strategy the Node side cannot
/// count in its unit, which then gets a queue of its own; else the web side queues nothing
/// (highWaterMark 0). `helpers`: `{ eos(stream, cb), destroyer(stream,
/// reason), byteChunk(chunk), webWaiting(stream, waiting), readChunk(stream) }` from the façade.
#[wasm_bindgen]
pub fn web_readable_to_web(
    node: JsValue,
    bytes: bool,
    web_strategy: Option<QueuingStrategy>,
    helpers: Object,
) -> Result<ReadableStream, JsValue> {
    let to_bytes = if bytes { Some(method(&helpers, "byteChunk")?) } else { None };
    let source = Rc::new(Source {
        node: RefCell::new(Some(node.clone())),
        read: method(&helpers, "readChunk")?,
        controller: RefCell::new(None),
        waiting: RefCell::new(None),
        done: Cell::new(false),
        to_bytes,
        web_waiting: method(&helpers, "webWaiting")?,
    });
    let underlying = Object::new();
    if bytes {
        set(&underlying, "type", &JsValue::from_str("bytes"))?;
    }

    let s = source.clone();
    set(
        &underlying,
        "start",
        &function(move |controller| {
            put(&s.controller, Some(controller.unchecked_into()));
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let s = source.clone();
    set(
        &underlying,
        "pull",
        &function(move |_controller| {
            if s.take_one()? {
                // Done at once: the platform takes a plain return as a settled pull.
                return Ok(JsValue::UNDEFINED);
            }
            // Nothing buffered: wait for 'readable' (or the end) to settle this pull.
            let (promise, pair) = deferred();
            put(&s.waiting, pair.map(|(resolve, _)| resolve));
            s.set_waiting(true)?;
            Ok(promise.into())
        }),
    )?;

    let s = source.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(
        &underlying,
        "cancel",
        &function(move |reason| {
            s.done.set(true);
            s.wake()?;
            let node = peek(&s.node);
            s.release();
            match node {
                Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
                None => Ok(JsValue::UNDEFINED),
            }
        }),
    )?;

    // 'readable': the Node side has data (or reached its end) for a waiting pull.
    let s = source.clone();
    call(
        &node,
        "on",
        &[
            &"readable".into(),
            &function(move |_| {
                let waiting = s.waiting.borrow().is_some();
                if waiting && s.take_one()? {
                    s.wake()?;
                }
                Ok(JsValue::UNDEFINED)
            }),
        ],
    )?;

    // The end of the Node side closes or errors the web side, once.
    let s = source.clone();
    let eos = method(&helpers, "eos")?;
    eos.call2(
        &JsValue::UNDEFINED,
        &node,
        &function(move |error| {
            if s.done.replace(true) {
                return Ok(JsValue::UNDEFINED);
            }
            let controller = take(&s.controller);
            s.wake()?;
            s.release();
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
        }),
    )?;

    let strategy = web_strategy.unwrap_or_else(|| {
        let strategy = QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        strategy
    });
    ReadableStream::new_with_underlying_source_and_strategy(&underlying, &strategy)
}
