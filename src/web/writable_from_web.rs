//! `Writable.fromWeb`: a Node-style Writable that hands each write to a web stream's writer.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::sys::{State, WebWritable};
use super::{held, is_error, method, set, settled, then, Bridge};

/// The Rust state of `Writable.fromWeb`; its JS values are in the bridge's [`State`]: `node`,
/// `writer`, the write waiting for the writer (`chunk`, `callback`: a Writable hands over one at
/// a time) and the promise handlers, made once (`onReady`, `onWritten`, `onFailed`).
struct Writing {
    /// The web side has closed or errored.
    closed: Cell<bool>,
    /// The Node side was destroyed: the writer and handlers go once no write is pending.
    destroyed: Cell<bool>,
}

impl Writing {
    /// Let go of every JS value, except what a pending write still needs: its callback is due
    /// as in Node (the write goes on after `writer.ready`, and fails on the aborted writer), and
    /// settling it ends the release. The callback holds the Node side, so keeping it past that
    /// would keep the stream, its chunk and what pipes into it as long as the web stream lives.
    fn release(&self, state: &State) {
        state.set_node(&JsValue::UNDEFINED);
        self.destroyed.set(true);
        if held(state.callback()).is_none() {
            state.set_writer(&JsValue::UNDEFINED);
            state.set_on_ready(&JsValue::UNDEFINED);
            state.set_on_written(&JsValue::UNDEFINED);
            state.set_on_failed(&JsValue::UNDEFINED);
        }
    }

    /// The pending write's callback, taken; after a destroy, the rest of the release.
    fn settle(&self, state: &State) -> Option<Function> {
        let callback = held(state.callback());
        state.set_chunk(&JsValue::UNDEFINED);
        state.set_callback(&JsValue::UNDEFINED);
        if self.destroyed.get() {
            self.release(state);
        }
        callback
    }
}

/// The writing side of `Writable.fromWeb(web)`: `{ write, final, destroy }` for the Node-style
/// Writable `node` the façade creates; each write waits for the web writer's promise.
/// `helpers`: `{ bind(f, state), destroyer, ended(stream), prematureClose() }`.
#[wasm_bindgen]
pub fn web_writable_sink(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let writer = web.unchecked_into::<WebWritable>().get_writer()?;
    let writing = Rc::new(Writing { closed: Cell::new(false), destroyed: Cell::new(false) });
    let bridge = Bridge::new(&helpers)?;
    let state = &bridge.state;
    state.set_node(&node);
    state.set_writer(&writer);
    state.set_chunk(&JsValue::UNDEFINED);
    state.set_callback(&JsValue::UNDEFINED);

    let w = writing.clone();
    state.set_on_written(&bridge.one(move |st, _| match w.settle(&st) {
        Some(callback) => callback.call0(&JsValue::UNDEFINED),
        None => Ok(JsValue::UNDEFINED),
    })?);
    let w = writing.clone();
    state.set_on_failed(&bridge.one(move |st, error| match w.settle(&st) {
        Some(callback) => callback.call1(&JsValue::UNDEFINED, &error),
        None => Ok(JsValue::UNDEFINED),
    })?);
    state.set_on_ready(&bridge.one(move |st, _| {
        let Some(writer) = held(st.writer()) else { return Ok(JsValue::UNDEFINED) };
        if held(st.callback()).is_none() {
            return Ok(JsValue::UNDEFINED);
        }
        match writer.write(&st.chunk()) {
            Ok(pending) => then(&settled(&pending), &st.on_written(), &st.on_failed()),
            Err(error) => st.on_failed().call1(&JsValue::UNDEFINED, &error),
        }
    })?);

    let options = Object::new();
    let w = writing.clone();
    set(
        &options,
        "write",
        &bridge.three(move |st, chunk, _encoding, callback| {
            let callback: Function = callback.dyn_into()?;
            // Destroyed: no write was pending (one at a time), so the writer is gone.
            if w.destroyed.get() {
                return callback.call0(&JsValue::UNDEFINED);
            }
            st.set_chunk(&chunk);
            st.set_callback(&callback);
            then(&settled(&st.writer().ready()?), &st.on_ready(), &st.on_failed())
        })?,
    )?;

    let w = writing.clone();
    set(
        &options,
        "final",
        &bridge.one(move |st, callback| {
            let callback: Function = callback.dyn_into()?;
            let Some(writer) = held(st.writer()) else { return Ok(JsValue::UNDEFINED) };
            if w.closed.get() {
                return Ok(JsValue::UNDEFINED);
            }
            // The callback with no error, whatever the close resolves to; with its error.
            let done = callback.bind1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
            then(&settled(&writer.close()?), &done, &callback)
        })?,
    )?;

    let w = writing.clone();
    set(
        &options,
        "destroy",
        &bridge.two(move |st, error, callback| {
            let callback: Function = callback.dyn_into()?;
            let writer = held(st.writer());
            w.release(&st);
            match writer {
                Some(writer) if !w.closed.get() => {
                    let settle = if is_error(&error) { writer.abort(&error)? } else { writer.close()? };
                    // The callback, with the destroy's error, once the writer settles.
                    let done = callback.bind1(&JsValue::UNDEFINED, &error);
                    then(&settled(&settle), &done, &done)
                }
                _ => callback.call1(&JsValue::UNDEFINED, &error),
            }
        })?,
    )?;

    // The web side closing before the Node side ended is a premature close; its error destroys.
    let writer_closed = settled(&writer.closed()?);
    let destroyer = method(&helpers, "destroyer")?;
    let premature = method(&helpers, "prematureClose")?;
    let ended = method(&helpers, "ended")?;
    let (w, d) = (writing.clone(), destroyer.clone());
    let on_closed = bridge.one(move |st, _| {
        w.closed.set(true);
        match held(st.node()) {
            Some(node) if !ended.call1(&JsValue::UNDEFINED, &node)?.is_truthy() => {
                d.call2(&JsValue::UNDEFINED, &node, &premature.call0(&JsValue::UNDEFINED)?)
            }
            _ => Ok(JsValue::UNDEFINED),
        }
    })?;
    let on_error = bridge.one(move |st, error| {
        writing.closed.set(true);
        match held(st.node()) {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &error),
            None => Ok(JsValue::UNDEFINED),
        }
    })?;
    then(&writer_closed, &on_closed, &on_error)?;
    Ok(options)
}
