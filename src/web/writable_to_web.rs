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

use super::sys::{NodeStream, State};
use super::{call, held, is_error, method, set, Bridge};
use crate::table::with_stream;

/// The Rust state of a `WritableStream` made from a Node-style Writable; its JS values are in
/// the bridge's [`State`]: `node`, `controller`, `onWritten` (the callback of each write handed
/// to `node`), and `resolve`/`reject` of the web side's write or close that waits.
struct Sink {
    /// The core handle of `node`, when it is a highwater stream: the chunks queued on the web
    /// side count in its buffered length. Cleared on release: `node` may then close and give
    /// its handle back.
    handle: Cell<Option<u32>>,
    /// The sizes of the chunks queued on the web side, oldest first, as the strategy measured them.
    sizes: RefCell<VecDeque<f64>>,
    /// One entry per write handed to the Node side whose callback has not come yet, oldest
    /// first: true when its web write waits for it, false when that settled at once. The web
    /// side writes one chunk at a time, so only the newest can wait (the state's `resolve`).
    writing: RefCell<VecDeque<bool>>,
    /// `close()` waits for the Node side to finish (the state's `resolve`).
    closing: Cell<bool>,
    /// The state let go of its values: checked per chunk instead of `node` (a call into JS).
    released: Cell<bool>,
    /// The façade's `defer(state)`: a promise whose resolve/reject go to the state.
    defer: Function,
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

    /// The bridge is over: let go of every JS value.
    fn release(&self, state: &State) {
        self.released.set(true);
        self.drop_queue();
        self.handle.set(None);
        self.writing.borrow_mut().clear();
        self.closing.set(false);
        state.set_node(&JsValue::UNDEFINED);
        state.set_controller(&JsValue::UNDEFINED);
        state.set_on_written(&JsValue::UNDEFINED);
        state.set_resolve(&JsValue::UNDEFINED);
        state.set_reject(&JsValue::UNDEFINED);
    }

    /// A promise for the web side to wait on; `state` gets its resolve/reject.
    fn wait(&self, state: &State) -> Result<JsValue, JsValue> {
        self.defer.call1(&JsValue::UNDEFINED, state)
    }

    /// `node`'s error, if it has one (`errored(node)`; only when the core's bit says so, for a
    /// highwater stream).
    fn error(&self, node: &NodeStream, errored: &Function) -> Result<JsValue, JsValue> {
        if let Some(h) = self.handle.get() {
            if !with_stream(h, false, |s| s.writable.as_ref().is_some_and(|w| w.state() & ERRORED != 0)) {
                return Ok(JsValue::UNDEFINED);
            }
        }
        errored.call1(&JsValue::UNDEFINED, node)
    }

    /// `node`'s buffered length, the web side's chunks included.
    fn node_length(&self, node: &NodeStream) -> f64 {
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
/// `helpers`: `{ bind(f, state), defer(state), eos, destroyer, ended(stream), errored(stream),
/// abortError(), chunkSize(stream, chunk) }`.
#[wasm_bindgen]
pub fn web_writable_to_web(
    node: JsValue,
    handle: Option<u32>,
    high_water_mark: f64,
    helpers: Object,
) -> Result<WritableStream, JsValue> {
    let sink = Rc::new(Sink {
        handle: Cell::new(handle),
        sizes: RefCell::new(VecDeque::new()),
        writing: RefCell::new(VecDeque::new()),
        closing: Cell::new(false),
        released: Cell::new(false),
        defer: method(&helpers, "defer")?,
    });
    let bridge = Bridge::new(&helpers)?;
    bridge.state.set_node(&node);
    let underlying = Object::new();
    let ended = method(&helpers, "ended")?;

    set(
        &underlying,
        "start",
        &bridge.one(move |st, controller| {
            st.set_controller(&controller);
            Ok(JsValue::UNDEFINED)
        })?,
    )?;

    let s = sink.clone();
    bridge.state.set_on_written(&bridge.one(move |st, error| {
        if s.writing.borrow_mut().pop_front() != Some(true) {
            return Ok(JsValue::UNDEFINED);
        }
        match (is_error(&error), held(st.resolve()), held(st.reject())) {
            (true, _, Some(reject)) => reject.call1(&JsValue::UNDEFINED, &error),
            (false, Some(resolve), _) => resolve.call0(&JsValue::UNDEFINED),
            _ => Ok(JsValue::UNDEFINED),
        }
    })?);
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
        &bridge.one(move |st, chunk| {
            if s.released.get() {
                return Ok(JsValue::UNDEFINED);
            }
            let node = st.node();
            let size = s.hand_over();
            let before = s.node_length(&node);
            node.write(&chunk, &st.on_written())?;
            let error = s.error(&node, &errored)?;
            if is_error(&error) {
                s.writing.borrow_mut().push_back(false);
                if let Some(controller) = held(st.writable_controller()) {
                    controller.error(&error)?;
                }
                return Err(error);
            }
            if size > 0.0 && s.node_length(&node) == before {
                s.writing.borrow_mut().push_back(false);
                return Ok(JsValue::UNDEFINED);
            }
            let promise = s.wait(&st)?;
            s.writing.borrow_mut().push_back(true);
            Ok(promise)
        })?,
    )?;

    let s = sink.clone();
    set(
        &underlying,
        "close",
        &bridge.one(move |st, _| {
            s.drop_queue();
            let Some(node) = held(st.node()) else { return Ok(JsValue::UNDEFINED) };
            if s.closing.get() || ended.call1(&JsValue::UNDEFINED, &node)?.is_truthy() {
                st.set_controller(&JsValue::UNDEFINED);
                return Ok(JsValue::UNDEFINED);
            }
            let promise = s.wait(&st)?;
            s.closing.set(true);
            call(&node, "end", &[])?;
            Ok(promise)
        })?,
    )?;

    let s = sink.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(
        &underlying,
        "abort",
        &bridge.one(move |st, reason| {
            s.drop_queue();
            match held(st.node()) {
                Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
                None => Ok(JsValue::UNDEFINED),
            }
        })?,
    )?;

    // The end of the Node side settles a pending close, or errors the web side.
    let s = sink.clone();
    let eos = method(&helpers, "eos")?;
    let abort_error = method(&helpers, "abortError")?;
    eos.call2(
        &JsValue::UNDEFINED,
        &node,
        &bridge.one(move |st, error| {
            let closing = s.closing.get();
            let waits = closing || s.writing.borrow().contains(&true);
            let (resolve, reject, controller) = (held(st.resolve()), held(st.reject()), held(st.writable_controller()));
            s.release(&st);
            let error = match (is_error(&error), closing) {
                (true, _) => error,
                (false, true) => return resolve.map_or(Ok(JsValue::UNDEFINED), |r| r.call0(&JsValue::UNDEFINED)),
                (false, false) => abort_error.call0(&JsValue::UNDEFINED)?,
            };
            if let Some(reject) = reject.filter(|_| waits) {
                reject.call1(&JsValue::UNDEFINED, &error)?;
            }
            if let Some(controller) = controller {
                controller.error(&error)?;
            }
            Ok(JsValue::UNDEFINED)
        })?,
    )?;

    let s = sink;
    let chunk_size = method(&helpers, "chunkSize")?;
    let object_mode = Reflect::get(&node, &"writableObjectMode".into())?.is_truthy();
    let size = bridge.one(move |st, chunk| {
        if s.released.get() {
            return Ok(JsValue::from_f64(0.0));
        }
        let size = match object_mode {
            true => 1.0,
            false => chunk_size.call2(&JsValue::UNDEFINED, &st.node(), &chunk)?.as_f64().unwrap_or(0.0),
        };
        s.queue(size);
        Ok(JsValue::from_f64(size))
    })?;
    let strategy = QueuingStrategy::new();
    strategy.set_high_water_mark(high_water_mark);
    strategy.set_size(size.unchecked_ref());
    WritableStream::new_with_underlying_sink_and_strategy(&underlying, &strategy)
}
