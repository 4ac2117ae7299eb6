//! `Writable.fromWeb`: a Node-style Writable that hands each write to a web stream's writer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::sys::{WebWritable, Writer};
use super::{function, function2, is_error, method, peek, put, set, settled, take, then, Slot};

/// The state of `Writable.fromWeb`: the web writer and the write waiting for it.
struct Writing {
    node: Slot<JsValue>,
    writer: Slot<Writer>,
    /// The write waiting for the writer (a Writable hands over one at a time): chunk, callback.
    pending: Slot<(JsValue, Function)>,
    /// The promise handlers, made once: ready, written, failed.
    handlers: Slot<(JsValue, JsValue, JsValue)>,
    /// The web side has closed or errored.
    closed: Cell<bool>,
    /// The Node side was destroyed: the writer and handlers go once no write is pending.
    destroyed: Cell<bool>,
}

impl Writing {
    /// Let go of every JS value, except what a pending write still needs: its callback is due
    /// as in Node (the write goes on after `writer.ready`, and fails on the aborted writer), and
    /// settling it ends the release. The callback holds the Node side, whose `_write` holds this
    /// state, so keeping it past that would keep the stream, its chunk and what pipes into it.
    fn release(&self) {
        put(&self.node, None);
        self.destroyed.set(true);
        if self.pending.borrow().is_none() {
            put(&self.writer, None);
            put(&self.handlers, None);
        }
    }

    /// The pending write's callback, taken; after a destroy, the rest of the release.
    fn settle(&self) -> Option<Function> {
        let callback = take(&self.pending).map(|(_, callback)| callback);
        if self.destroyed.get() {
            self.release();
        }
        callback
    }
}

/// The writing side of `Writable.fromWeb(web)`: `{ write, final, destroy }` for the Node-style
/// Writable `node` the façade creates; each write waits for the web writer's promise.
/// `helpers`: `{ destroyer, ended(stream), prematureClose() }`.
#[wasm_bindgen]
pub fn web_writable_sink(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let writer = web.unchecked_into::<WebWritable>().get_writer()?;
    let state = Rc::new(Writing {
        node: RefCell::new(Some(node)),
        writer: RefCell::new(Some(writer.clone())),
        pending: RefCell::new(None),
        handlers: RefCell::new(None),
        closed: Cell::new(false),
        destroyed: Cell::new(false),
    });

    let s = state.clone();
    let on_written = function(move |_| match s.settle() {
        Some(callback) => callback.call0(&JsValue::UNDEFINED),
        None => Ok(JsValue::UNDEFINED),
    });
    let s = state.clone();
    let on_failed = function(move |error| match s.settle() {
        Some(callback) => callback.call1(&JsValue::UNDEFINED, &error),
        None => Ok(JsValue::UNDEFINED),
    });
    let s = state.clone();
    let on_ready = function(move |_| {
        let (Some(writer), Some((chunk, _)), Some((_, written, failed))) =
            (peek(&s.writer), peek(&s.pending), peek(&s.handlers))
        else {
            return Ok(JsValue::UNDEFINED);
        };
        match writer.write(&chunk) {
            Ok(pending) => then(&settled(&pending), &written, &failed),
            Err(error) => failed.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
        }
    });
    put(&state.handlers, Some((on_ready, on_written, on_failed)));

    let options = Object::new();
    let s = state.clone();
    set(
        &options,
        "write",
        &Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
            move |chunk: JsValue, _encoding: JsValue, callback: JsValue| {
                let callback: Function = callback.dyn_into()?;
                let (Some(writer), Some((ready, _, failed))) = (peek(&s.writer), peek(&s.handlers)) else {
                    return callback.call0(&JsValue::UNDEFINED);
                };
                put(&s.pending, Some((chunk, callback)));
                then(&settled(&writer.ready()?), &ready, &failed)
            },
        )
        .into_js_value(),
    )?;

    let s = state.clone();
    set(
        &options,
        "final",
        &function(move |callback| {
            let callback: Function = callback.dyn_into()?;
            let Some(writer) = peek(&s.writer) else { return Ok(JsValue::UNDEFINED) };
            if s.closed.get() {
                return Ok(JsValue::UNDEFINED);
            }
            let close = settled(&writer.close()?);
            let cb = callback.clone();
            let done = function(move |_| cb.call0(&JsValue::UNDEFINED));
            let failed = function(move |error| callback.call1(&JsValue::UNDEFINED, &error));
            then(&close, &done, &failed)
        }),
    )?;

    let s = state.clone();
    set(
        &options,
        "destroy",
        &function2(move |error, callback| {
            let callback: Function = callback.dyn_into()?;
            let writer = peek(&s.writer);
            s.release();
            match writer {
                Some(writer) if !s.closed.get() => {
                    let settle = if is_error(&error) { writer.abort(&error)? } else { writer.close()? };
                    let e = error.clone();
                    let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &e));
                    then(&settled(&settle), &done.clone(), &done)
                }
                _ => callback.call1(&JsValue::UNDEFINED, &error),
            }
        }),
    )?;

    // The web side closing before the Node side ended is a premature close; its error destroys.
    let writer_closed = settled(&writer.closed()?);
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
