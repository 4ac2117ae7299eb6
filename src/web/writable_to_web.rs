//! `Writable.toWeb`: a native `WritableStream` over a Node-style Writable with one buffer: a chunk
//! the web producer writes counts in the Node side's length at once.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{QueuingStrategy, WritableStream};

use highwater_core::side::bits::ERRORED;
use highwater_core::writable::Writable;

use super::sys::WritableController;
use super::{call, deferred, function, is_error, method, peek, put, set, take, Slot};
use crate::table::with_stream;

/// The state of a `WritableStream` made from a Node-style Writable.
struct Sink {
    node: Slot<JsValue>,
    /// The core handle of `node`, when it is a highwater stream: the chunks queued on the web
    /// side count in its buffered length. Cleared on release: `node` may then close and give
    /// its handle back.
    handle: Cell<Option<u32>>,
    /// `node.write`, looked up once.
    write: Slot<Function>,
    controller: Slot<WritableController>,
    /// The sizes of the chunks queued on the web side, oldest first, as the strategy measured them.
    sizes: RefCell<VecDeque<f64>>,
    /// One entry per write handed to the Node side whose callback has not come yet, oldest
    /// first: the resolve/reject of its web write, or `None` when that settled at once.
    writing: RefCell<VecDeque<Option<(Function, Function)>>>,
    /// The resolve/reject of `close()` waiting for the Node side to finish.
    closing: Slot<(Function, Function)>,
}

impl Sink {
    /// The web producer wrote a chunk of `size` units.
    fn queue(&self, size: f64) {
        self.sizes.borrow_mut().push_back(size);
        self.count(Some(size));
    }

    /// The oldest queued chunk goes to the Node side; its size.
    fn hand_over(&self) -> f64 {
        let size = self.sizes.borrow_mut().pop_front().unwrap_or(0.0);
        self.count(Some(-size));
        size
    }

    /// The web side closed or aborted: what it still held will not be written.
    fn drop_queue(&self) {
        self.sizes.borrow_mut().clear();
        self.count(None);
    }

    /// Tell the core of the Node side ([`Writable::web_queue`]; `None` clears).
    fn count(&self, delta: Option<f64>) {
        if let Some(h) = self.handle.get() {
            with_stream(h, (), |s| {
                if let Some(w) = s.writable.as_mut() {
                    w.web_queue(delta);
                }
            });
        }
    }

    fn release(&self) {
        self.drop_queue();
        self.handle.set(None);
        put(&self.node, None);
        put(&self.write, None);
        put(&self.controller, None);
        self.writing.borrow_mut().clear();
        put(&self.closing, None);
    }

    /// `node`'s error, if it has one (`errored(node)`; only when the core's bit says so, for a
    /// highwater stream).
    fn error(&self, node: &JsValue, errored: &Function) -> Result<JsValue, JsValue> {
        if let Some(h) = self.handle.get() {
            if !with_stream(h, false, |s| s.writable.as_ref().is_some_and(|w| w.state() & ERRORED != 0)) {
                return Ok(JsValue::UNDEFINED);
            }
        }
        errored.call1(&JsValue::UNDEFINED, node)
    }

    /// `node`'s buffered length, the web side's chunks included.
    fn node_length(&self, node: &JsValue) -> f64 {
        match self.handle.get() {
            Some(h) => with_stream(h, f64::NAN, |s| s.writable.as_ref().map_or(f64::NAN, Writable::length)),
            None => Reflect::get(node, &"writableLength".into()).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN),
        }
    }
}

/// `Writable.toWeb(node)`: a native `WritableStream` over `node` with one buffer. Its strategy
/// is `node`'s highWaterMark in `node`'s unit; a chunk counts in `node`'s length (`handle`) from
/// the moment the web producer writes it, and the web side hands `node` one chunk at a time,
/// waiting for its callback, so `writer.desiredSize` is `node.writableDesiredSize`.
/// `helpers`: `{ eos, destroyer, ended(stream), errored(stream), abortError(), chunkSize(stream, chunk) }`.
#[wasm_bindgen]
pub fn web_writable_to_web(
    node: JsValue,
    handle: Option<u32>,
    high_water_mark: f64,
    helpers: Object,
) -> Result<WritableStream, JsValue> {
    let sink = Rc::new(Sink {
        node: RefCell::new(Some(node.clone())),
        handle: Cell::new(handle),
        write: RefCell::new(Some(method(&node, "write")?)),
        controller: RefCell::new(None),
        sizes: RefCell::new(VecDeque::new()),
        writing: RefCell::new(VecDeque::new()),
        closing: RefCell::new(None),
    });
    let underlying = Object::new();
    let ended = method(&helpers, "ended")?;

    let s = sink.clone();
    set(
        &underlying,
        "start",
        &function(move |controller| {
            put(&s.controller, Some(controller.unchecked_into()));
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let s = sink.clone();
    let on_written = function(move |error| {
        let entry = s.writing.borrow_mut().pop_front().flatten();
        match entry {
            Some((_, reject)) if is_error(&error) => reject.call1(&JsValue::UNDEFINED, &error),
            Some((resolve, _)) => resolve.call0(&JsValue::UNDEFINED),
            None => Ok(JsValue::UNDEFINED),
        }
    });
    // A write settles when the Node side has processed its chunk: at once when `_write` called
    // back during `write()` (the length fell back), else when the write's callback comes. A
    // Node side errored during `write()` (`_write` called back with an error, whose callback
    // Node defers, or destroyed itself) rejects the write with its error and errors the web
    // side at once: `writer.ready` rejects, so a `pipeTo` reads no further and fails, where
    // Chromium's would otherwise read on to its source's end and resolve (even a microtask
    // later is too late there).
    let s = sink.clone();
    let errored = method(&helpers, "errored")?;
    set(
        &underlying,
        "write",
        &function(move |chunk| {
            let (Some(node), Some(write)) = (peek(&s.node), peek(&s.write)) else { return Ok(JsValue::UNDEFINED) };
            let size = s.hand_over();
            let before = s.node_length(&node);
            write.call2(&node, &chunk, &on_written)?;
            let error = s.error(&node, &errored)?;
            if is_error(&error) {
                s.writing.borrow_mut().push_back(None);
                if let Some(controller) = peek(&s.controller) {
                    controller.error(&error)?;
                }
                return Err(error);
            }
            if size > 0.0 && s.node_length(&node) == before {
                s.writing.borrow_mut().push_back(None);
                return Ok(JsValue::UNDEFINED);
            }
            let (promise, pair) = deferred();
            s.writing.borrow_mut().push_back(pair);
            Ok(promise.into())
        }),
    )?;

    let s = sink.clone();
    set(
        &underlying,
        "close",
        &function(move |_| {
            s.drop_queue();
            let Some(node) = peek(&s.node) else { return Ok(JsValue::UNDEFINED) };
            let closing = s.closing.borrow().is_some();
            if closing || ended.call1(&JsValue::UNDEFINED, &node)?.is_truthy() {
                put(&s.controller, None);
                return Ok(JsValue::UNDEFINED);
            }
            let (promise, pair) = deferred();
            put(&s.closing, pair);
            call(&node, "end", &[])?;
            Ok(promise.into())
        }),
    )?;

    let s = sink.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(
        &underlying,
        "abort",
        &function(move |reason| {
            s.drop_queue();
            match peek(&s.node) {
                Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
                None => Ok(JsValue::UNDEFINED),
            }
        }),
    )?;

    // The end of the Node side settles a pending close, or errors the web side.
    let s = sink.clone();
    let eos = method(&helpers, "eos")?;
    let abort_error = method(&helpers, "abortError")?;
    eos.call2(
        &JsValue::UNDEFINED,
        &node,
        &function(move |error| {
            let writing: Vec<_> = s.writing.borrow_mut().drain(..).flatten().collect();
            let (closing, controller) = (take(&s.closing), take(&s.controller));
            s.release();
            let error = match (is_error(&error), &closing) {
                (true, _) => error,
                (false, Some((resolve, _))) => return resolve.call0(&JsValue::UNDEFINED),
                (false, None) => abort_error.call0(&JsValue::UNDEFINED)?,
            };
            for (_, reject) in writing.into_iter().chain(closing) {
                reject.call1(&JsValue::UNDEFINED, &error)?;
            }
            if let Some(controller) = controller {
                controller.error(&error)?;
            }
            Ok(JsValue::UNDEFINED)
        }),
    )?;

    let s = sink.clone();
    let chunk_size = method(&helpers, "chunkSize")?;
    let object_mode = Reflect::get(&node, &"writableObjectMode".into())?.is_truthy();
    let size = function(move |chunk| {
        let Some(node) = peek(&s.node) else { return Ok(JsValue::from_f64(0.0)) };
        let size = match object_mode {
            true => 1.0,
            false => chunk_size.call2(&JsValue::UNDEFINED, &node, &chunk)?.as_f64().unwrap_or(0.0),
        };
        s.queue(size);
        Ok(JsValue::from_f64(size))
    });
    let strategy = QueuingStrategy::new();
    strategy.set_high_water_mark(high_water_mark);
    strategy.set_size(size.unchecked_ref());
    WritableStream::new_with_underlying_sink_and_strategy(&underlying, &strategy)
}
