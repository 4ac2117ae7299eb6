//! A highwater Readable that mirrors another Node-style stream: `readable.wrap(stream)` (Node's
//! semantics, for old streams with only `on`/`pause`/`resume`) and the bridge `toWeb` puts in
//! front of a stream that is not highwater's (node:stream's, `http.IncomingMessage`, `fs`'s,
//! readable-stream's), so that the web side still reads one highwater buffer.
//!
//! The rules, both modes: a `'data'` chunk is pushed; when the push says the buffer is full the
//! source is paused, and the next `_read` resumes it (only a source we paused).
//! - `wrap`: `'end'` pushes the end; `'error'` errors ours (errorOrDestroy); `'close'` and
//!   `'destroy'` destroy ours, even with data still buffered (Node's wrap does so); destroying
//!   ours leaves the source alone.
//! - bridge: the source starts paused (as Node's adapter leaves it) and the first `_read`
//!   resumes it; chunks keep the source's encoding; the end of the source's readable side (Node's
//!   `finished`, writable side ignored) pushes the end, or destroys ours with its error (a
//!   premature close included), but never drops what ours still buffers; destroying ours before
//!   that destroys the source with the same error.
//!
//! As in the web adapters (`web/`, its rules), the mirror's JS values (ours, the source) are held
//! by JS, in its [`Bridge`]'s state, and `release` lets go of them once the mirror is over.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::web::sys::State;
use crate::web::{call, held, is_error, method, Bridge};

/// `obj[name]` when it is a function.
fn optional_method(obj: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(obj, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
}

/// The Rust state of a mirror; its state object holds ours (`node`) and the `source`.
struct Mirror {
    /// The second argument of each push: the source's encoding (bridge), or undefined. A string
    /// reaches no object, so holding it keeps nothing alive.
    encoding: JsValue,
    /// We paused the source because our buffer was full; the next `_read` resumes it.
    paused: Cell<bool>,
    /// The source's readable side is over: destroying ours no longer touches it.
    finished: Cell<bool>,
}

impl Mirror {
    fn push(&self, state: &State, chunk: &JsValue) -> Result<bool, JsValue> {
        let Some(node) = held(state.node()) else { return Ok(true) };
        Ok(node.push(chunk, &self.encoding)?.is_truthy())
    }

    fn release(&self, state: &State) {
        state.set_node(&JsValue::UNDEFINED);
        state.set_source(&JsValue::UNDEFINED);
    }
}

/// Mirror `source` into our Readable `node`; returns `{ read, destroy }` for `node`'s `_read` and
/// (bridge only) `_destroy`. `helpers`: `{ errorOrDestroy(stream, err), eos(stream, cb),
/// destroyer(stream, err), bind(f, state) }` from the façade (`eos` watches the readable side only).
#[wasm_bindgen]
pub fn web_wrap(node: JsValue, source: JsValue, bridge: bool, helpers: Object) -> Result<Object, JsValue> {
    let on = method(&source, "on")?;
    let encoding = match bridge {
        true => Reflect::get(&source, &"readableEncoding".into())?,
        false => JsValue::UNDEFINED,
    };
    let encoding = if encoding.is_string() { encoding } else { JsValue::UNDEFINED };
    let mirror = Rc::new(Mirror { encoding, paused: Cell::new(false), finished: Cell::new(false) });
    let fns = Bridge::new(&helpers)?;
    fns.state.set_node(&node);
    fns.state.set_source(&source);
    let options = Object::new();

    let m = mirror.clone();
    Reflect::set(
        &options,
        &"read".into(),
        &fns.one(move |st, _size| {
            let Some(source) = held(st.source()) else { return Ok(JsValue::UNDEFINED) };
            if m.paused.get() {
                if let Some(resume) = optional_method(&source, "resume") {
                    m.paused.set(false);
                    resume.call0(&source)?;
                }
            }
            Ok(JsValue::UNDEFINED)
        })?,
    )?;

    let m = mirror.clone();
    let on_data = fns.one(move |st, chunk| {
        if m.push(&st, &chunk)? {
            return Ok(JsValue::UNDEFINED);
        }
        let Some(source) = held(st.source()) else { return Ok(JsValue::UNDEFINED) };
        if let Some(pause) = optional_method(&source, "pause") {
            m.paused.set(true);
            pause.call0(&source)?;
        }
        Ok(JsValue::UNDEFINED)
    })?;

    if !bridge {
        on.call2(&source, &"data".into(), &on_data)?;
        let m = mirror.clone();
        on.call2(
            &source,
            &"end".into(),
            &fns.one(move |st, _| {
                m.push(&st, &JsValue::NULL)?;
                Ok(JsValue::UNDEFINED)
            })?,
        )?;
        let error_or_destroy = method(&helpers, "errorOrDestroy")?;
        on.call2(
            &source,
            &"error".into(),
            &fns.one(move |st, error| match held(st.node()) {
                Some(node) => error_or_destroy.call2(&JsValue::UNDEFINED, &node, &error),
                None => Ok(JsValue::UNDEFINED),
            })?,
        )?;
        for event in ["close", "destroy"] {
            on.call2(
                &source,
                &event.into(),
                &fns.one(move |st, _| match held(st.node()) {
                    Some(node) => call(&node, "destroy", &[]),
                    None => Ok(JsValue::UNDEFINED),
                })?,
            )?;
        }
        return Ok(options);
    }

    let destroyer = method(&helpers, "destroyer")?;
    let m = mirror.clone();
    let d = destroyer.clone();
    Reflect::set(
        &options,
        &"destroy".into(),
        &fns.two(move |st, error, callback| {
            let callback: Function = callback.dyn_into()?;
            let source = held(st.source());
            m.release(&st);
            if let Some(source) = source {
                if !m.finished.replace(true) {
                    d.call2(&JsValue::UNDEFINED, &source, &error)?;
                }
            }
            callback.call1(&JsValue::UNDEFINED, &error)
        })?,
    )?;

    // The end of the source's readable side: our end, or our destruction with its error.
    let m = mirror.clone();
    let eos = method(&helpers, "eos")?;
    eos.call2(
        &JsValue::UNDEFINED,
        &source,
        &fns.one(move |st, error| {
            if m.finished.replace(true) {
                return Ok(JsValue::UNDEFINED);
            }
            let node = held(st.node());
            st.set_source(&JsValue::UNDEFINED);
            match node {
                Some(node) if is_error(&error) => {
                    m.release(&st);
                    destroyer.call2(&JsValue::UNDEFINED, &node, &error)
                }
                Some(_) => {
                    m.push(&st, &JsValue::NULL)?;
                    m.release(&st);
                    Ok(JsValue::UNDEFINED)
                }
                None => Ok(JsValue::UNDEFINED),
            }
        })?,
    )?;

    // A source that is still readable starts paused; the first `_read` resumes it.
    let readable = Reflect::get(&source, &"readable".into())?.is_truthy();
    let destroyed = Reflect::get(&source, &"destroyed".into())?.is_truthy();
    if !mirror.finished.get() && readable && !destroyed {
        if let Some(pause) = optional_method(&source, "pause") {
            mirror.paused.set(true);
            pause.call0(&source)?;
        }
        on.call2(&source, &"data".into(), &on_data)?;
    }
    Ok(options)
}
