//! The WHATWG side of the adapters (`toWeb`/`fromWeb`), built on the platform's own
//! `ReadableStream` and `WritableStream`.
//!
//! One buffer: the web side we create queues nothing of its own. A `ReadableStream` made from a
//! Node-style Readable has a highWaterMark of 0, so the platform only pulls when a reader waits,
//! and each pull takes one chunk from the Node side's buffer, the only one; a `WritableStream`
//! made from a Node-style Writable has a highWaterMark of one chunk, whose write hands the chunk
//! to the Node side at once. Streams handed to `fromWeb` are driven through their reader or
//! writer, found by name, so any object that behaves like a web stream works.
//!
//! Two rules keep this safe:
//! - No `RefCell` borrow spans a call into JS: JS may call back into these closures, and a
//!   second borrow would panic (and a panic kills the instance). The `take`/`peek`/`put` helpers
//!   end each borrow at once.
//! - A JS value held by Rust is a garbage-collection root, so an adapter's state holds the
//!   streams in cells that `release` empties once the bridge is done; the closures JS holds then
//!   keep nothing alive and are freed with their streams.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{QueuingStrategy, ReadableStream, WritableStream};

/// A JS value an adapter holds until it is released.
type Slot<T> = RefCell<Option<T>>;

/// `obj[name]` as a function.
fn method(obj: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))?.dyn_into::<Function>()
}

/// `obj.name(...args)`, for calls off the hot path.
fn call(obj: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f = method(obj, name)?;
    match args {
        [] => f.call0(obj),
        [a] => f.call1(obj, a),
        [a, b] => f.call2(obj, a, b),
        _ => Err(JsValue::from_str("too many arguments")),
    }
}

/// A native promise for any promise-like (another realm's, a polyfill's) or plain value.
fn settled(value: &JsValue) -> Promise {
    Promise::resolve(value)
}

thread_local! {
    /// `Promise.prototype.then`, looked up once: the hot paths wait on a promise per chunk, and
    /// a lookup by name would make a JS string from wasm memory each time.
    static THEN: Function = Reflect::get(&Promise::resolve(&JsValue::UNDEFINED), &JsValue::from_str("then"))
        .unwrap_or(JsValue::UNDEFINED)
        .unchecked_into();
}

/// `promise.then(on_fulfilled, on_rejected)` of a native promise (see [`settled`]).
fn then(promise: &Promise, on_fulfilled: &JsValue, on_rejected: &JsValue) -> Result<JsValue, JsValue> {
    THEN.with(|then| then.call2(promise, on_fulfilled, on_rejected))
}

/// Set `obj[name] = value`.
fn set(obj: &Object, name: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(name), value).map(|_| ())
}

/// A JS function made of a Rust closure, freed by the garbage collector with its holder.
fn function<F: FnMut(JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

/// A two-argument [`function`].
fn function2<F: FnMut(JsValue, JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

/// Take what a slot holds; the borrow ends before the caller goes on.
fn take<T>(slot: &Slot<T>) -> Option<T> {
    slot.borrow_mut().take()
}

/// A copy of what a slot holds, borrowed only for the copy.
fn peek<T: Clone>(slot: &Slot<T>) -> Option<T> {
    slot.borrow().clone()
}

/// Put a value in a slot.
fn put<T>(slot: &Slot<T>, value: Option<T>) {
    *slot.borrow_mut() = value;
}

/// Whether a callback's error argument is an error (not `undefined` or `null`).
fn is_error(value: &JsValue) -> bool {
    !(value.is_undefined() || value.is_null())
}

/// A pending promise and its resolve/reject functions.
fn deferred() -> (Promise, Option<(Function, Function)>) {
    let mut pair = None;
    let promise = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
    (promise, pair)
}

/// The state of a `ReadableStream` made from a Node-style Readable.
struct Source {
    node: Slot<JsValue>,
    /// `node.read`, looked up once (every pull calls it).
    read: Slot<Function>,
    controller: Slot<JsValue>,
    /// `controller.enqueue`, looked up once.
    enqueue: Slot<Function>,
    /// The resolve function of a pull that waits for the Node side to have data.
    waiting: Slot<Function>,
    /// Closed, errored or canceled: nothing more is enqueued.
    done: Cell<bool>,
    /// For a byte stream (`type: 'bytes'`, BYOB readers): the helper that turns a chunk into a
    /// fresh Uint8Array (a copy: a byte stream takes over, detaches, the memory it is given;
    /// strings after `setEncoding` are encoded).
    to_bytes: Option<Function>,
}

impl Source {
    /// Move one chunk from the Node side to the web side, if it has one; true when moved (or
    /// when nothing more will come).
    fn take_one(&self) -> Result<bool, JsValue> {
        let (Some(node), Some(read)) = (peek(&self.node), peek(&self.read)) else { return Ok(true) };
        if self.done.get() {
            return Ok(true);
        }
        let chunk = read.call0(&node)?;
        if chunk.is_null() {
            return Ok(false);
        }
        if let (Some(controller), Some(enqueue)) = (peek(&self.controller), peek(&self.enqueue)) {
            let chunk = match &self.to_bytes {
                Some(to_bytes) => to_bytes.call1(&JsValue::UNDEFINED, &chunk)?,
                None => chunk,
            };
            enqueue.call1(&controller, &chunk)?;
        }
        Ok(true)
    }

    /// Settle a waiting pull.
    fn wake(&self) -> Result<(), JsValue> {
        if let Some(resolve) = take(&self.waiting) {
            resolve.call0(&JsValue::UNDEFINED)?;
        }
        Ok(())
    }

    /// The bridge is over: let go of every JS value.
    fn release(&self) {
        put(&self.node, None);
        put(&self.read, None);
        put(&self.controller, None);
        put(&self.enqueue, None);
        put(&self.waiting, None);
    }
}

/// `Readable.toWeb(node)`: a native `ReadableStream` that reads `node` one chunk per pull.
/// `bytes`: a byte stream (`type: 'bytes'`). `web_strategy`: a strategy the Node side cannot
/// count in its unit, which then gets a queue of its own; else the web side queues nothing
/// (highWaterMark 0). `helpers`: `{ eos(stream, cb), destroyer(stream,
/// reason), byteChunk(chunk) }` from the façade.
#[wasm_bindgen]
pub fn web_readable_to_web(node: JsValue, bytes: bool, web_strategy: Option<QueuingStrategy>, helpers: Object) -> Result<ReadableStream, JsValue> {
    let to_bytes = if bytes { Some(method(&helpers, "byteChunk")?) } else { None };
    let source = Rc::new(Source {
        node: RefCell::new(Some(node.clone())),
        read: RefCell::new(Some(method(&node, "read")?)),
        controller: RefCell::new(None),
        enqueue: RefCell::new(None),
        waiting: RefCell::new(None),
        done: Cell::new(false),
        to_bytes,
    });
    let underlying = Object::new();
    if bytes {
        set(&underlying, "type", &JsValue::from_str("bytes"))?;
    }

    let s = source.clone();
    set(&underlying, "start", &function(move |controller| {
        put(&s.enqueue, Some(method(&controller, "enqueue")?));
        put(&s.controller, Some(controller));
        Ok(JsValue::UNDEFINED)
    }))?;

    let s = source.clone();
    set(&underlying, "pull", &function(move |_controller| {
        if s.take_one()? {
            // Done at once: the platform takes a plain return as a settled pull.
            return Ok(JsValue::UNDEFINED);
        }
        // Nothing buffered: wait for 'readable' (or the end) to settle this pull.
        let (promise, pair) = deferred();
        put(&s.waiting, pair.map(|(resolve, _)| resolve));
        Ok(promise.into())
    }))?;

    let s = source.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(&underlying, "cancel", &function(move |reason| {
        s.done.set(true);
        s.wake()?;
        let node = peek(&s.node);
        s.release();
        match node {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
            None => Ok(JsValue::UNDEFINED),
        }
    }))?;

    // 'readable': the Node side has data (or reached its end) for a waiting pull.
    let s = source.clone();
    call(&node, "on", &[&"readable".into(), &function(move |_| {
        let waiting = s.waiting.borrow().is_some();
        if waiting && s.take_one()? {
            s.wake()?;
        }
        Ok(JsValue::UNDEFINED)
    })])?;

    // The end of the Node side closes or errors the web side, once.
    let s = source.clone();
    let eos = method(&helpers, "eos")?;
    eos.call2(&JsValue::UNDEFINED, &node, &function(move |error| {
        if s.done.replace(true) {
            return Ok(JsValue::UNDEFINED);
        }
        let controller = take(&s.controller);
        s.wake()?;
        s.release();
        let Some(controller) = controller else { return Ok(JsValue::UNDEFINED) };
        if is_error(&error) {
            return call(&controller, "error", &[&error]);
        }
        call(&controller, "close", &[])?;
        // A BYOB read still waiting gets its answer: no more bytes.
        let request = Reflect::get(&controller, &"byobRequest".into())?;
        if is_error(&request) {
            call(&request, "respond", &[&JsValue::from_f64(0.0)])?;
        }
        Ok(JsValue::UNDEFINED)
    }))?;

    let strategy = web_strategy.unwrap_or_else(|| {
        let strategy = QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        strategy
    });
    ReadableStream::new_with_underlying_source_and_strategy(&underlying, &strategy)
}

/// The state of `Readable.fromWeb`: the web reader and the Node-style Readable it feeds.
struct Reading {
    node: Slot<JsValue>,
    /// `node.push`, looked up once.
    push: Slot<Function>,
    reader: Slot<JsValue>,
    /// `reader.read`, looked up once.
    read: Slot<Function>,
    /// The read promise's handlers, made once (a Readable asks for one chunk at a time).
    handlers: Slot<(JsValue, JsValue)>,
    /// The web side has closed or errored.
    closed: Cell<bool>,
}

impl Reading {
    fn release(&self) {
        put(&self.node, None);
        put(&self.push, None);
        put(&self.reader, None);
        put(&self.read, None);
        put(&self.handlers, None);
    }
}

/// The reading side of `Readable.fromWeb(web)`: `{ read, destroy }` for the Node-style
/// Readable `node` the façade creates. `read` takes one chunk from the web reader per call.
#[wasm_bindgen]
pub fn web_readable_source(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let reader = call(&web, "getReader", &[])?;
    let state = Rc::new(Reading {
        node: RefCell::new(Some(node.clone())),
        push: RefCell::new(Some(method(&node, "push")?)),
        reader: RefCell::new(Some(reader.clone())),
        read: RefCell::new(Some(method(&reader, "read")?)),
        handlers: RefCell::new(None),
        closed: Cell::new(false),
    });
    let destroyer = method(&helpers, "destroyer")?;

    let s = state.clone();
    let (done_key, value_key) = (JsValue::from_str("done"), JsValue::from_str("value"));
    let on_result = function(move |result| {
        let (Some(node), Some(push)) = (peek(&s.node), peek(&s.push)) else { return Ok(JsValue::UNDEFINED) };
        if Reflect::get(&result, &done_key)?.is_truthy() {
            push.call1(&node, &JsValue::NULL)
        } else {
            push.call1(&node, &Reflect::get(&result, &value_key)?)
        }
    });
    let (s, d) = (state.clone(), destroyer.clone());
    let on_error = function(move |error| match peek(&s.node) {
        Some(node) => d.call2(&JsValue::UNDEFINED, &node, &error),
        None => Ok(JsValue::UNDEFINED),
    });
    put(&state.handlers, Some((on_result, on_error)));

    let options = Object::new();
    let s = state.clone();
    set(&options, "read", &function(move |_size| {
        let (Some(reader), Some(read), Some((on_result, on_error))) =
            (peek(&s.reader), peek(&s.read), peek(&s.handlers))
        else {
            return Ok(JsValue::UNDEFINED);
        };
        match read.call0(&reader) {
            Ok(pending) => then(&settled(&pending), &on_result, &on_error),
            Err(error) => on_error.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
        }
    }))?;

    let s = state.clone();
    set(&options, "destroy", &function2(move |error, callback| {
        let callback: Function = callback.dyn_into()?;
        let reader = peek(&s.reader);
        s.release();
        match reader {
            Some(reader) if !s.closed.get() => {
                let cancel = settled(&call(&reader, "cancel", &[&error])?);
                let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &error));
                then(&cancel, &done.clone(), &done)
            }
            _ => callback.call1(&JsValue::UNDEFINED, &error),
        }
    }))?;

    // The web side closing is only noted; its error destroys the Node side.
    let reader_closed = settled(&Reflect::get(&reader, &"closed".into())?);
    let s = state.clone();
    let on_closed = function(move |_| {
        s.closed.set(true);
        Ok(JsValue::UNDEFINED)
    });
    let s = state;
    let on_failed = function(move |error| {
        s.closed.set(true);
        match peek(&s.node) {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &error),
            None => Ok(JsValue::UNDEFINED),
        }
    });
    then(&reader_closed, &on_closed, &on_failed)?;
    Ok(options)
}

/// The state of a `WritableStream` made from a Node-style Writable.
struct Sink {
    node: Slot<JsValue>,
    /// The core handle of `node`, when it is a highwater stream: the chunks queued on the web
    /// side count in its buffered length. Cleared on release: `node` may then close and give
    /// its handle back.
    handle: Cell<Option<u32>>,
    /// `node.write`, looked up once.
    write: Slot<Function>,
    controller: Slot<JsValue>,
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
        self.count(size);
    }

    /// The oldest queued chunk goes to the Node side; its size.
    fn hand_over(&self) -> f64 {
        let size = self.sizes.borrow_mut().pop_front().unwrap_or(0.0);
        self.count(-size);
        size
    }

    /// The web side closed or aborted: what it still held will not be written.
    fn drop_queue(&self) {
        self.sizes.borrow_mut().clear();
        self.count(f64::NAN);
    }

    /// Tell the core of the Node side (NaN: clear).
    fn count(&self, delta: f64) {
        if let Some(h) = self.handle.get() {
            crate::wasm::wr_web_queue(h, delta);
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

    /// `node`'s buffered length, the web side's chunks included.
    fn node_length(&self, node: &JsValue) -> f64 {
        match self.handle.get() {
            Some(h) => crate::wasm::wr_length(h),
            None => Reflect::get(node, &"writableLength".into()).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN),
        }
    }
}

/// `Writable.toWeb(node)`: a native `WritableStream` over `node` with one buffer. Its strategy
/// is `node`'s highWaterMark in `node`'s unit; a chunk counts in `node`'s length (`handle`) from
/// the moment the web producer writes it, and the web side hands `node` one chunk at a time,
/// waiting for its callback, so `writer.desiredSize` is `node.writableDesiredSize`.
/// `helpers`: `{ eos, destroyer, ended(stream), abortError(), chunkSize(stream, chunk) }`.
#[wasm_bindgen]
pub fn web_writable_to_web(node: JsValue, handle: Option<u32>, high_water_mark: f64, helpers: Object) -> Result<WritableStream, JsValue> {
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
    set(&underlying, "start", &function(move |controller| {
        put(&s.controller, Some(controller));
        Ok(JsValue::UNDEFINED)
    }))?;

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
    // back during `write()` (the length fell back), else when the write's callback comes.
    let s = sink.clone();
    set(&underlying, "write", &function(move |chunk| {
        let (Some(node), Some(write)) = (peek(&s.node), peek(&s.write)) else { return Ok(JsValue::UNDEFINED) };
        let size = s.hand_over();
        let before = s.node_length(&node);
        write.call2(&node, &chunk, &on_written)?;
        if size > 0.0 && s.node_length(&node) == before {
            s.writing.borrow_mut().push_back(None);
            return Ok(JsValue::UNDEFINED);
        }
        let (promise, pair) = deferred();
        s.writing.borrow_mut().push_back(pair);
        Ok(promise.into())
    }))?;

    let s = sink.clone();
    set(&underlying, "close", &function(move |_| {
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
    }))?;

    let s = sink.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(&underlying, "abort", &function(move |reason| {
        s.drop_queue();
        match peek(&s.node) {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &reason),
            None => Ok(JsValue::UNDEFINED),
        }
    }))?;

    // The end of the Node side settles a pending close, or errors the web side.
    let s = sink.clone();
    let eos = method(&helpers, "eos")?;
    let abort_error = method(&helpers, "abortError")?;
    eos.call2(&JsValue::UNDEFINED, &node, &function(move |error| {
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
        match controller {
            Some(controller) => call(&controller, "error", &[&error]),
            None => Ok(JsValue::UNDEFINED),
        }
    }))?;

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

/// The state of `Writable.fromWeb`: the web writer and the write waiting for it.
struct Writing {
    node: Slot<JsValue>,
    writer: Slot<JsValue>,
    /// `writer.write`, looked up once.
    write: Slot<Function>,
    /// The write waiting for the writer (a Writable hands over one at a time): chunk, callback.
    pending: Slot<(JsValue, Function)>,
    /// The promise handlers, made once: ready, written, failed.
    handlers: Slot<(JsValue, JsValue, JsValue)>,
    /// The web side has closed or errored.
    closed: Cell<bool>,
}

impl Writing {
    fn release(&self) {
        put(&self.node, None);
        put(&self.writer, None);
        put(&self.write, None);
        put(&self.handlers, None);
    }
}

/// The writing side of `Writable.fromWeb(web)`: `{ write, final, destroy }` for the Node-style
/// Writable `node` the façade creates; each write waits for the web writer's promise.
/// `helpers`: `{ destroyer, ended(stream), prematureClose() }`.
#[wasm_bindgen]
pub fn web_writable_sink(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let writer = call(&web, "getWriter", &[])?;
    let state = Rc::new(Writing {
        node: RefCell::new(Some(node)),
        writer: RefCell::new(Some(writer.clone())),
        write: RefCell::new(Some(method(&writer, "write")?)),
        pending: RefCell::new(None),
        handlers: RefCell::new(None),
        closed: Cell::new(false),
    });

    let s = state.clone();
    let on_written = function(move |_| match take(&s.pending) {
        Some((_, callback)) => callback.call0(&JsValue::UNDEFINED),
        None => Ok(JsValue::UNDEFINED),
    });
    let s = state.clone();
    let on_failed = function(move |error| match take(&s.pending) {
        Some((_, callback)) => callback.call1(&JsValue::UNDEFINED, &error),
        None => Ok(JsValue::UNDEFINED),
    });
    let s = state.clone();
    let on_ready = function(move |_| {
        let (Some(writer), Some(write), Some((chunk, _)), Some((_, written, failed))) =
            (peek(&s.writer), peek(&s.write), peek(&s.pending), peek(&s.handlers))
        else {
            return Ok(JsValue::UNDEFINED);
        };
        match write.call1(&writer, &chunk) {
            Ok(pending) => then(&settled(&pending), &written, &failed),
            Err(error) => failed.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
        }
    });
    put(&state.handlers, Some((on_ready, on_written, on_failed)));

    let options = Object::new();
    let s = state.clone();
    let ready_key = JsValue::from_str("ready");
    set(&options, "write", &Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |chunk: JsValue, _encoding: JsValue, callback: JsValue| {
            let callback: Function = callback.dyn_into()?;
            let (Some(writer), Some((ready, _, failed))) = (peek(&s.writer), peek(&s.handlers)) else {
                return callback.call0(&JsValue::UNDEFINED);
            };
            put(&s.pending, Some((chunk, callback)));
            then(&settled(&Reflect::get(&writer, &ready_key)?), &ready, &failed)
        },
    ).into_js_value())?;

    let s = state.clone();
    set(&options, "final", &function(move |callback| {
        let callback: Function = callback.dyn_into()?;
        let Some(writer) = peek(&s.writer) else { return Ok(JsValue::UNDEFINED) };
        if s.closed.get() {
            return Ok(JsValue::UNDEFINED);
        }
        let close = settled(&call(&writer, "close", &[])?);
        let cb = callback.clone();
        let done = function(move |_| cb.call0(&JsValue::UNDEFINED));
        let failed = function(move |error| callback.call1(&JsValue::UNDEFINED, &error));
        then(&close, &done, &failed)
    }))?;

    let s = state.clone();
    set(&options, "destroy", &function2(move |error, callback| {
        let callback: Function = callback.dyn_into()?;
        let writer = peek(&s.writer);
        s.release();
        match writer {
            Some(writer) if !s.closed.get() => {
                let settle = if is_error(&error) {
                    call(&writer, "abort", &[&error])?
                } else {
                    call(&writer, "close", &[])?
                };
                let e = error.clone();
                let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &e));
                then(&settled(&settle), &done.clone(), &done)
            }
            _ => callback.call1(&JsValue::UNDEFINED, &error),
        }
    }))?;

    // The web side closing before the Node side ended is a premature close; its error destroys.
    let writer_closed = settled(&Reflect::get(&writer, &"closed".into())?);
    let destroyer = method(&helpers, "destroyer")?;
    let premature = method(&helpers, "prematureClose")?;
    let ended = method(&helpers, "ended")?;
    let (s, d) = (state.clone(), destroyer.clone());
    let on_closed = function(move |_| {
        s.closed.set(true);
        match peek(&s.node) {
            Some(node) if !ended.call1(&JsValue::UNDEFINED, &node)?.is_truthy() => {
                d.call2(&JsValue::UNDEFINED, &node, &premature.call0(&JsValue::UNDEFINED)?)
            }
            _ => Ok(JsValue::UNDEFINED),
        }
    });
    let s = state;
    let on_error = function(move |error| {
        s.closed.set(true);
        match peek(&s.node) {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &error),
            None => Ok(JsValue::UNDEFINED),
        }
    });
    then(&writer_closed, &on_closed, &on_error)?;
    Ok(options)
}
