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
//!   second borrow would panic (and a panic kills the instance). The `take`/`peek`/`put` helpers
//!   end each borrow at once.
//! - A JS value held by Rust is a garbage-collection root, so an adapter's state holds the
//!   streams in cells that `release` empties once the bridge is done; the closures JS holds then
//!   keep nothing alive and are freed with their streams.

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub mod readable_from_web;
pub mod readable_to_web;
mod sys;
pub mod writable_from_web;
pub mod writable_to_web;

/// A JS value an adapter holds until it is released.
pub(crate) type Slot<T> = RefCell<Option<T>>;

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

/// A JS function made of a Rust closure, freed by the garbage collector with its holder.
pub(crate) fn function<F: FnMut(JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

/// A two-argument [`function`].
pub(crate) fn function2<F: FnMut(JsValue, JsValue) -> Result<JsValue, JsValue> + 'static>(f: F) -> JsValue {
    Closure::<dyn FnMut(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(f).into_js_value()
}

/// Take what a slot holds; the borrow ends before the caller goes on.
pub(crate) fn take<T>(slot: &Slot<T>) -> Option<T> {
    slot.borrow_mut().take()
}

/// A copy of what a slot holds, borrowed only for the copy.
pub(crate) fn peek<T: Clone>(slot: &Slot<T>) -> Option<T> {
    slot.borrow().clone()
}

/// Put a value in a slot.
pub(crate) fn put<T>(slot: &Slot<T>, value: Option<T>) {
    *slot.borrow_mut() = value;
}

/// Whether a callback's error argument is an error (not `undefined` or `null`).
pub(crate) fn is_error(value: &JsValue) -> bool {
    !(value.is_undefined() || value.is_null())
}

/// A pending promise and its resolve/reject functions.
pub(crate) fn deferred() -> (Promise, Option<(Function, Function)>) {
    let mut pair = None;
    let promise = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
    (promise, pair)
}
