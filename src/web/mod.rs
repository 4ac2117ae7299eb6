//! The WHATWG side of the adapters (`toWeb`/`fromWeb`), built on the platform's own
//! `ReadableStream` and `WritableStream`.
//!
//! One buffer: the web side we create queues nothing of its own. A `ReadableStream` made from a
//! Node-style Readable has a highWaterMark of 0, so the platform only pulls when a reader waits,
//! and each pull takes one chunk from the Node side's buffer, the only one; a `WritableStream`
//! made from a Node-style Writable has a highWaterMark of one chunk, whose write hands the chunk
//! to the Node side at once. Streams handed to `fromWeb` are driven through their reader or
//! writer (`sys`'s typed bindings, plain method calls in JS), so any object that behaves like
//! a web stream works.
//!
//! One module per adapter: [`readable_to_web`], [`readable_from_web`], [`writable_to_web`],
//! [`writable_from_web`]; this one holds what they share (and `wrap.rs` uses).
//!
//! Two rules keep this safe:
//! - No `RefCell` borrow spans a call into JS: JS may call back into these closures, and a
//!   second borrow would panic (and a panic kills the instance). Borrows end at once.
//! - Rust holds no JS object of a bridge across calls: one held by Rust is a garbage-collection
//!   root (wasm-bindgen's externref table), and the bridge's closures, owned by the JS functions
//!   the streams hold, would keep it and themselves alive for good. A [`Bridge`]'s JS values
//!   (the streams, the controller, reader or writer, the functions that settle a wait, its
//!   handlers) live in a plain JS object, its state, that each of its functions holds and hands
//!   its closure on every call; the closures keep only Rust values, the façade's module-wide
//!   helpers and strings (`wrap`'s encoding: a string reaches nothing). A bridge dropped before
//!   it finishes is then garbage as a whole, and its closures (with their Rust state) are freed
//!   with their functions. `release` still empties the state once the bridge is over, so a web
//!   stream kept after that keeps no Node stream alive.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use sys::State;

pub mod readable_from_web;
pub mod readable_to_web;
pub(crate) mod sys;
pub mod writable_from_web;
pub mod writable_to_web;

/// `obj[name]` as a function.
pub(crate) fn method(obj: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))?.dyn_into::<Function>()
}

/// `obj.name(...args)`, for calls off the hot path.
pub(crate) fn call(obj: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f = method(obj, name)?;
    match args {
        [] => f.call0(obj),
        [a] => f.call1(obj, a),
        [a, b] => f.call2(obj, a, b),
        _ => Err(JsValue::from_str("too many arguments")),
    }
}

/// A native promise for any promise-like (another realm's, a polyfill's) or plain value.
pub(crate) fn settled(value: &JsValue) -> Promise {
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
pub(crate) fn then(promise: &Promise, on_fulfilled: &JsValue, on_rejected: &JsValue) -> Result<JsValue, JsValue> {
    THEN.with(|then| then.call2(promise, on_fulfilled, on_rejected))
}

/// Set `obj[name] = value`.
pub(crate) fn set(obj: &Object, name: &str, value: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(name), value).map(|_| ())
}

/// Makes one bridge's functions, all sharing its [`State`]: each is the façade's
/// `bind(f, state)`, `(a, b, c) => f(state, a, b, c)`, so the state is held by JS alone (see the
/// module's rules), and the closure `f` is freed when its function is collected.
pub(crate) struct Bridge {
    bind: Function,
    pub state: State,
}

impl Bridge {
    /// A fresh state object; `helpers` is the façade's (it has `bind`).
    pub fn new(helpers: &Object) -> Result<Bridge, JsValue> {
        Ok(Bridge { bind: method(helpers, "bind")?, state: Object::new().unchecked_into() })
    }

    /// A function of one argument, `f(state, a)`.
    pub fn one<F: FnMut(State, JsValue) -> Result<JsValue, JsValue> + 'static>(
        &self,
        f: F,
    ) -> Result<JsValue, JsValue> {
        self.bound(Closure::<dyn FnMut(State, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value())
    }

    /// A function of two arguments, `f(state, a, b)`.
    pub fn two<F: FnMut(State, JsValue, JsValue) -> Result<JsValue, JsValue> + 'static>(
        &self,
        f: F,
    ) -> Result<JsValue, JsValue> {
        self.bound(Closure::<dyn FnMut(State, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value())
    }

    /// A function of three arguments, `f(state, a, b, c)`.
    pub fn three<F: FnMut(State, JsValue, JsValue, JsValue) -> Result<JsValue, JsValue> + 'static>(
        &self,
        f: F,
    ) -> Result<JsValue, JsValue> {
        self.bound(
            Closure::<dyn FnMut(State, JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value(),
        )
    }

    fn bound(&self, f: JsValue) -> Result<JsValue, JsValue> {
        self.bind.call2(&JsValue::UNDEFINED, &f, &self.state)
    }
}

/// A state field's value, unless the bridge let go of it (`undefined`).
pub(crate) fn held<T: JsCast>(value: T) -> Option<T> {
    (!value.as_ref().is_undefined()).then_some(value)
}

/// Whether a callback's error argument is an error (not `undefined` or `null`).
pub(crate) fn is_error(value: &JsValue) -> bool {
    !(value.is_undefined() || value.is_null())
}
