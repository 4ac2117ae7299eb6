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
//! The Node-style stream is a JS object: these functions reach it through its methods, and get
//! the few façade helpers they need (`eos`, `destroyer`) from the caller.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{QueuingStrategy, ReadableStream, WritableStream};

/// `obj[name]` as a function.
fn method(obj: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))?.dyn_into::<Function>()
}

/// `obj.name(...args)`.
fn call(obj: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f = method(obj, name)?;
    match args {
        [] => f.call0(obj),
        [a] => f.call1(obj, a),
        [a, b] => f.call2(obj, a, b),
        [a, b, c] => f.call3(obj, a, b, c),
        _ => Err(JsValue::from_str("too many arguments")),
    }
}

/// A native promise for any promise-like (another realm's, a polyfill's) or plain value.
fn settled(value: &JsValue) -> Promise {
    Promise::resolve(value)
}

/// `promise.then(on_fulfilled, on_rejected)`.
fn then(promise: &Promise, on_fulfilled: &JsValue, on_rejected: &JsValue) -> Result<JsValue, JsValue> {
    call(promise, "then", &[on_fulfilled, on_rejected])
}

/// Set `obj[name] = value`.
fn set(obj: &Object, name: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(name), value).map(|_| ())
}

/// A JS function made of a Rust closure, freed by the garbage collector with its holder.
fn function<F: FnMut(JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

fn function2<F: FnMut(JsValue, JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

/// Take what a cell holds; the borrow ends before the caller goes on, so it never spans a call
/// into JS (which may call back into these closures: a second borrow would panic).
fn take<T>(cell: &RefCell<Option<T>>) -> Option<T> {
    cell.borrow_mut().take()
}

/// A copy of what a cell holds, borrowed only for the copy (see [`take`]).
fn peek<T: Clone>(cell: &RefCell<Option<T>>) -> Option<T> {
    cell.borrow().clone()
}

/// Put a value in a cell (see [`take`]).
fn put<T>(cell: &RefCell<Option<T>>, value: Option<T>) {
    *cell.borrow_mut() = value;
}

/// The state of a `ReadableStream` made from a Node-style Readable.
struct Source {
    node: JsValue,
    /// `node.read`, looked up once (every pull calls it).
    read: Function,
    controller: RefCell<Option<JsValue>>,
    /// `controller.enqueue`, looked up once the controller is known.
    enqueue: RefCell<Option<Function>>,
    /// The resolve function of a pull that waits for the Node side to have data.
    waiting: RefCell<Option<Function>>,
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
        if self.done.get() {
            return Ok(true);
        }
        let chunk = self.read.call0(&self.node)?;
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
}

/// `Readable.toWeb(node)`: a native `ReadableStream` that reads `node` one chunk per pull.
/// `bytes`: a byte stream (`type: 'bytes'`). `helpers`: `{ eos(stream, cb), destroyer(stream,
/// reason), byteChunk(chunk) }` from the façade.
#[wasm_bindgen]
pub fn web_readable_to_web(node: JsValue, bytes: bool, helpers: Object) -> Result<ReadableStream, JsValue> {
    let to_bytes = if bytes { Some(method(&helpers, "byteChunk")?) } else { None };
    let source = Rc::new(Source {
        node: node.clone(),
        read: method(&node, "read")?,
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
        let mut waiting = None;
        let promise = Promise::new(&mut |resolve, _reject| waiting = Some(resolve));
        put(&s.waiting, waiting);
        Ok(promise.into())
    }))?;

    let s = source.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(&underlying, "cancel", &function(move |reason| {
        s.done.set(true);
        s.wake()?;
        destroyer.call2(&JsValue::UNDEFINED, &s.node, &reason)?;
        Ok(JsValue::UNDEFINED)
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
        if let Some(controller) = take(&s.controller) {
            if error.is_undefined() || error.is_null() {
                call(&controller, "close", &[])?;
                // A BYOB read still waiting gets its answer: no more bytes.
                if let Ok(request) = Reflect::get(&controller, &"byobRequest".into()) {
                    if !request.is_null() && !request.is_undefined() {
                        call(&request, "respond", &[&JsValue::from_f64(0.0)])?;
                    }
                }
            } else {
                call(&controller, "error", &[&error])?;
            }
        }
        s.wake()?;
        Ok(JsValue::UNDEFINED)
    }))?;

    let strategy = QueuingStrategy::new();
    strategy.set_high_water_mark(0.0);
    ReadableStream::new_with_underlying_source_and_strategy(&underlying, &strategy)
}

/// The reading side of `Readable.fromWeb(web)`: `{ read, destroy }` for the Node-style
/// Readable `node` the façade creates. `read` takes one chunk from the web reader per call.
#[wasm_bindgen]
pub fn web_readable_source(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let reader = call(&web, "getReader", &[])?;
    let closed = Rc::new(Cell::new(false));
    let destroyer = method(&helpers, "destroyer")?;
    let options = Object::new();

    // One read at a time (a Readable calls _read again only after a push), so the two handlers
    // of the read's promise are made once.
    let (n, push) = (node.clone(), method(&node, "push")?);
    let (done_key, value_key) = (JsValue::from_str("done"), JsValue::from_str("value"));
    let on_result = function(move |result| {
        if Reflect::get(&result, &done_key)?.is_truthy() {
            push.call1(&n, &JsValue::NULL)
        } else {
            push.call1(&n, &Reflect::get(&result, &value_key)?)
        }
    });
    let (n, d) = (node.clone(), destroyer.clone());
    let on_error = function(move |error| d.call2(&JsValue::UNDEFINED, &n, &error));
    let (r, read) = (reader.clone(), method(&reader, "read")?);
    set(&options, "read", &function(move |_size| {
        match read.call0(&r) {
            Ok(pending) => then(&settled(&pending), &on_result, &on_error),
            Err(error) => on_error.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
        }
    }))?;

    let (r, c) = (reader.clone(), closed.clone());
    set(&options, "destroy", &function2(move |error, callback| {
        let callback: Function = callback.dyn_into()?;
        if c.get() {
            callback.call1(&JsValue::UNDEFINED, &error)?;
            return Ok(JsValue::UNDEFINED);
        }
        let cancel = settled(&call(&r, "cancel", &[&error])?);
        let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &error));
        then(&cancel, &done.clone(), &done)?;
        Ok(JsValue::UNDEFINED)
    }))?;

    // The web side closing is only noted; its error destroys the Node side.
    let reader_closed = settled(&Reflect::get(&reader, &"closed".into())?);
    let c = closed.clone();
    let on_closed = function(move |_| {
        c.set(true);
        Ok(JsValue::UNDEFINED)
    });
    let (c, n) = (closed, node);
    let on_error = function(move |error| {
        c.set(true);
        destroyer.call2(&JsValue::UNDEFINED, &n, &error)
    });
    then(&reader_closed, &on_closed, &on_error)?;
    Ok(options)
}

/// The state of a `WritableStream` made from a Node-style Writable.
struct Sink {
    node: JsValue,
    controller: RefCell<Option<JsValue>>,
    /// The resolve/reject of a write waiting for 'drain'.
    drain: RefCell<Option<(Function, Function)>>,
    /// The resolve/reject of `close()` waiting for the Node side to finish.
    closing: RefCell<Option<(Function, Function)>>,
}

/// A pending promise and its resolve/reject functions.
fn deferred() -> (Promise, Option<(Function, Function)>) {
    let mut pair = None;
    let promise = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
    (promise, pair)
}

/// `Writable.toWeb(node)`: a native `WritableStream` whose writes go straight to `node`; a write
/// waits only while `node` asks for 'drain'. `helpers`: `{ eos, destroyer, needDrain(stream),
/// ended(stream), abortError() }`.
#[wasm_bindgen]
pub fn web_writable_to_web(node: JsValue, high_water_mark: f64, helpers: Object) -> Result<WritableStream, JsValue> {
    let sink = Rc::new(Sink {
        node: node.clone(),
        controller: RefCell::new(None),
        drain: RefCell::new(None),
        closing: RefCell::new(None),
    });
    let underlying = Object::new();
    let need_drain = method(&helpers, "needDrain")?;
    let ended = method(&helpers, "ended")?;

    let s = sink.clone();
    set(&underlying, "start", &function(move |controller| {
        put(&s.controller, Some(controller));
        Ok(JsValue::UNDEFINED)
    }))?;

    let (s, write) = (sink.clone(), method(&node, "write")?);
    set(&underlying, "write", &function(move |chunk| {
        let waiting = need_drain.call1(&JsValue::UNDEFINED, &s.node)?.is_truthy();
        let accepted = !waiting && write.call1(&s.node, &chunk)?.is_truthy();
        if accepted || !need_drain.call1(&JsValue::UNDEFINED, &s.node)?.is_truthy() {
            return Ok(JsValue::UNDEFINED);
        }
        let (promise, pair) = deferred();
        put(&s.drain, pair);
        Ok(promise.into())
    }))?;

    let s = sink.clone();
    set(&underlying, "close", &function(move |_| {
        let closing = s.closing.borrow().is_some();
        if closing || ended.call1(&JsValue::UNDEFINED, &s.node)?.is_truthy() {
            put(&s.controller, None);
            return Ok(Promise::resolve(&JsValue::UNDEFINED).into());
        }
        let (promise, pair) = deferred();
        put(&s.closing, pair);
        call(&s.node, "end", &[])?;
        Ok(promise.into())
    }))?;

    let s = sink.clone();
    let destroyer = method(&helpers, "destroyer")?;
    set(&underlying, "abort", &function(move |reason| destroyer.call2(&JsValue::UNDEFINED, &s.node, &reason)))?;

    let s = sink.clone();
    call(&node, "on", &[&"drain".into(), &function(move |_| {
        if let Some((resolve, _)) = take(&s.drain) {
            resolve.call0(&JsValue::UNDEFINED)?;
        }
        Ok(JsValue::UNDEFINED)
    })])?;

    // The end of the Node side settles a pending close, or errors the web side.
    let s = sink.clone();
    let eos = method(&helpers, "eos")?;
    let abort_error = method(&helpers, "abortError")?;
    eos.call2(&JsValue::UNDEFINED, &node, &function(move |error| {
        let failed = !(error.is_undefined() || error.is_null());
        if failed {
            if let Some((_, reject)) = take(&s.drain) {
                reject.call1(&JsValue::UNDEFINED, &error)?;
            }
            if let Some((_, reject)) = take(&s.closing) {
                reject.call1(&JsValue::UNDEFINED, &error)?;
            }
        } else if let Some((resolve, _)) = take(&s.closing) {
            resolve.call0(&JsValue::UNDEFINED)?;
            return Ok(JsValue::UNDEFINED);
        }
        if let Some(controller) = take(&s.controller) {
            let error = if failed { error } else { abort_error.call0(&JsValue::UNDEFINED)? };
            call(&controller, "error", &[&error])?;
        }
        Ok(JsValue::UNDEFINED)
    }))?;

    let strategy = QueuingStrategy::new();
    strategy.set_high_water_mark(high_water_mark);
    WritableStream::new_with_underlying_sink_and_strategy(&underlying, &strategy)
}

/// The writing side of `Writable.fromWeb(web)`: `{ write, final, destroy }` for the Node-style
/// Writable `node` the façade creates; each write waits for the web writer's promise.
#[wasm_bindgen]
pub fn web_writable_sink(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let writer = call(&web, "getWriter", &[])?;
    let closed = Rc::new(Cell::new(false));
    let options = Object::new();

    // A Writable hands over one write at a time: the write waiting for the writer is kept in a
    // slot, and the promise handlers are made once.
    let slot: Rc<RefCell<Option<(JsValue, Function)>>> = Rc::new(RefCell::new(None));
    let sl = slot.clone();
    let on_written = function(move |_| match take(&sl) {
        Some((_, callback)) => callback.call0(&JsValue::UNDEFINED),
        None => Ok(JsValue::UNDEFINED),
    });
    let sl = slot.clone();
    let on_failed = function(move |error| match take(&sl) {
        Some((_, callback)) => callback.call1(&JsValue::UNDEFINED, &error),
        None => Ok(JsValue::UNDEFINED),
    });
    let (sl, w, written, failed) = (slot.clone(), writer.clone(), on_written.clone(), on_failed.clone());
    let write = method(&writer, "write")?;
    let on_ready = function(move |_| {
        let chunk = peek(&sl).map(|(chunk, _)| chunk).unwrap_or(JsValue::UNDEFINED);
        match write.call1(&w, &chunk) {
            Ok(pending) => then(&settled(&pending), &written, &failed),
            Err(error) => failed.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
        }
    });
    let (w, ready_key) = (writer.clone(), JsValue::from_str("ready"));
    set(&options, "write", &Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |chunk: JsValue, _encoding: JsValue, callback: JsValue| {
            put(&slot, Some((chunk, callback.dyn_into()?)));
            then(&settled(&Reflect::get(&w, &ready_key)?), &on_ready, &on_failed)
        },
    ).into_js_value())?;

    let (w, c) = (writer.clone(), closed.clone());
    set(&options, "final", &function(move |callback| {
        let callback: Function = callback.dyn_into()?;
        if c.get() {
            return Ok(JsValue::UNDEFINED);
        }
        let close = settled(&call(&w, "close", &[])?);
        let cb = callback.clone();
        let done = function(move |_| cb.call0(&JsValue::UNDEFINED));
        let failed = function(move |error| callback.call1(&JsValue::UNDEFINED, &error));
        then(&close, &done, &failed)?;
        Ok(JsValue::UNDEFINED)
    }))?;

    let (w, c) = (writer.clone(), closed.clone());
    set(&options, "destroy", &function2(move |error, callback| {
        let callback: Function = callback.dyn_into()?;
        if c.get() {
            callback.call1(&JsValue::UNDEFINED, &error)?;
            return Ok(JsValue::UNDEFINED);
        }
        let settle = if error.is_undefined() || error.is_null() {
            call(&w, "close", &[])?
        } else {
            call(&w, "abort", &[&error])?
        };
        let e = error.clone();
        let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &e));
        then(&settled(&settle), &done.clone(), &done)?;
        Ok(JsValue::UNDEFINED)
    }))?;

    // The web side closing before the Node side ended is a premature close; its error destroys.
    let writer_closed = settled(&Reflect::get(&writer, &"closed".into())?);
    let destroyer = method(&helpers, "destroyer")?;
    let premature = method(&helpers, "prematureClose")?;
    let ended = method(&helpers, "ended")?;
    let (c, n, d) = (closed.clone(), node.clone(), destroyer.clone());
    let on_closed = function(move |_| {
        c.set(true);
        if !ended.call1(&JsValue::UNDEFINED, &n)?.is_truthy() {
            d.call2(&JsValue::UNDEFINED, &n, &premature.call0(&JsValue::UNDEFINED)?)?;
        }
        Ok(JsValue::UNDEFINED)
    });
    let on_error = function(move |error| {
        closed.set(true);
        destroyer.call2(&JsValue::UNDEFINED, &node, &error)
    });
    then(&writer_closed, &on_closed, &on_error)?;
    Ok(options)
}
