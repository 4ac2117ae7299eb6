//! `Readable.fromWeb`: a Node-style Readable fed by a web stream's reader, one chunk per `_read`.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::sys::{ReadResult, State, WebReadable};
use super::{held, method, set, settled, then, Bridge};

/// The Rust state of `Readable.fromWeb`; its JS values are in the bridge's [`State`]: `node`,
/// `reader` and the read promise's handlers (made once: a Readable asks for one chunk at a time).
struct Reading {
    /// The web side has closed or errored.
    closed: Cell<bool>,
    /// The state let go of its values: checked per chunk instead of them (each a call into JS).
    released: Cell<bool>,
}

impl Reading {
    /// The Node side was destroyed: the bridge is over.
    fn release(&self, state: &State) {
        self.released.set(true);
        state.set_node(&JsValue::UNDEFINED);
        state.set_reader(&JsValue::UNDEFINED);
        state.set_on_result(&JsValue::UNDEFINED);
        state.set_on_error(&JsValue::UNDEFINED);
    }
}

/// The reading side of `Readable.fromWeb(web)`: `{ read, destroy }` for the Node-style
/// Readable `node` the façade creates. `read` takes one chunk from the web reader per call.
/// `helpers`: `{ bind(f, state), destroyer(stream, err) }`.
#[wasm_bindgen]
pub fn web_readable_source(web: JsValue, node: JsValue, helpers: Object) -> Result<Object, JsValue> {
    let reader = web.unchecked_into::<WebReadable>().get_reader()?;
    let reading = Rc::new(Reading { closed: Cell::new(false), released: Cell::new(false) });
    let bridge = Bridge::new(&helpers)?;
    let state = &bridge.state;
    state.set_node(&node);
    state.set_reader(&reader);
    let destroyer = method(&helpers, "destroyer")?;

    let r = reading.clone();
    state.set_on_result(&bridge.one(move |st, result| {
        if r.released.get() {
            return Ok(JsValue::UNDEFINED);
        }
        let result: ReadResult = result.unchecked_into();
        let chunk = if result.done()?.is_truthy() { JsValue::NULL } else { result.value()? };
        st.node().push(&chunk, &JsValue::UNDEFINED)
    })?);
    let d = destroyer.clone();
    state.set_on_error(&bridge.one(move |st, error| match held(st.node()) {
        Some(node) => d.call2(&JsValue::UNDEFINED, &node, &error),
        None => Ok(JsValue::UNDEFINED),
    })?);

    let options = Object::new();
    let r = reading.clone();
    set(
        &options,
        "read",
        &bridge.one(move |st, _size| {
            if r.released.get() {
                return Ok(JsValue::UNDEFINED);
            }
            match st.reader().read() {
                Ok(pending) => then(&settled(&pending), &st.on_result(), &st.on_error()),
                Err(error) => st.on_error().call1(&JsValue::UNDEFINED, &error),
            }
        })?,
    )?;

    let r = reading.clone();
    set(
        &options,
        "destroy",
        &bridge.two(move |st, error, callback| {
            let callback: Function = callback.dyn_into()?;
            let reader = held(st.reader());
            r.release(&st);
            match reader {
                Some(reader) if !r.closed.get() => {
                    // The callback, with the destroy's error, once the cancel settles.
                    let done = callback.bind1(&JsValue::UNDEFINED, &error);
                    then(&settled(&reader.cancel(&error)?), &done, &done)
                }
                _ => callback.call1(&JsValue::UNDEFINED, &error),
            }
        })?,
    )?;

    // The web side closing is only noted; its error destroys the Node side.
    let reader_closed = settled(&reader.closed()?);
    let r = reading.clone();
    let on_closed = bridge.one(move |_, _| {
        r.closed.set(true);
        Ok(JsValue::UNDEFINED)
    })?;
    let on_failed = bridge.one(move |st, error| {
        reading.closed.set(true);
        match held(st.node()) {
            Some(node) => destroyer.call2(&JsValue::UNDEFINED, &node, &error),
            None => Ok(JsValue::UNDEFINED),
        }
    })?;
    then(&reader_closed, &on_closed, &on_failed)?;
    Ok(options)
}
