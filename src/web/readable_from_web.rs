//! `Readable.fromWeb`: a Node-style Readable fed by a web stream's reader, one chunk per `_read`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::sys::{ReadResult, Reader, WebReadable};
use super::{function, function2, method, peek, put, set, settled, then, Slot};

/// The state of `Readable.fromWeb`: the web reader and the Node-style Readable it feeds.
struct Reading {
    node: Slot<JsValue>,
    /// `node.push`, looked up once.
    push: Slot<Function>,
    reader: Slot<Reader>,
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
        put(&self.handlers, None);
    }
}

/// The reading side of `Readable.fromWeb(web)`: `{ read, destroy }` for the Node-style
/// Readable `node` the façade creates. `read` takes one chunk from the web reader per call.
#[wasm_bindgen]
pub fn web_readable_source(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let reader = web.unchecked_into::<WebReadable>().get_reader()?;
    let state = Rc::new(Reading {
        node: RefCell::new(Some(node.clone())),
        push: RefCell::new(Some(method(&node, "push")?)),
        reader: RefCell::new(Some(reader.clone())),
        handlers: RefCell::new(None),
        closed: Cell::new(false),
    });
    let destroyer = method(&helpers, "destroyer")?;

    let s = state.clone();
    let on_result = function(move |result| {
        let (Some(node), Some(push)) = (peek(&s.node), peek(&s.push)) else { return Ok(JsValue::UNDEFINED) };
        let result: ReadResult = result.unchecked_into();
        if result.done()?.is_truthy() {
            push.call1(&node, &JsValue::NULL)
        } else {
            push.call1(&node, &result.value()?)
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
    set(
        &options,
        "read",
        &function(move |_size| {
            let (Some(reader), Some((on_result, on_error))) = (peek(&s.reader), peek(&s.handlers)) else {
                return Ok(JsValue::UNDEFINED);
            };
            match reader.read() {
                Ok(pending) => then(&settled(&pending), &on_result, &on_error),
                Err(error) => on_error.unchecked_ref::<Function>().call1(&JsValue::UNDEFINED, &error),
            }
        }),
    )?;

    let s = state.clone();
    set(
        &options,
        "destroy",
        &function2(move |error, callback| {
            let callback: Function = callback.dyn_into()?;
            let reader = peek(&s.reader);
            s.release();
            match reader {
                Some(reader) if !s.closed.get() => {
                    let cancel = settled(&reader.cancel(&error)?);
                    let done = function(move |_| callback.call1(&JsValue::UNDEFINED, &error));
                    then(&cancel, &done.clone(), &done)
                }
                _ => callback.call1(&JsValue::UNDEFINED, &error),
            }
        }),
    )?;

    // The web side closing is only noted; its error destroys the Node side.
    let reader_closed = settled(&reader.closed()?);
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
