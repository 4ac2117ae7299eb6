//! Typed bindings to the objects the adapters drive: a method or getter here is a plain
//! `obj.name(...)` in the JS glue, so any object that behaves like a web stream works, and no
//! name crosses the boundary as a string. Each method of a user's object can throw, so each is
//! `catch` and answers a `Result`; the state object is ours, and its fields are plain.

use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// One bridge's JS values, held by JS ([`super::Bridge`]): a plain object, each adapter
    /// using some of these fields. A field is `undefined` once the bridge let go of it
    /// ([`super::held`]; an `Option` answer would cost the glue a call into wasm).
    #[derive(Clone)]
    pub type State;
    /// The Node-style stream of the bridge.
    #[wasm_bindgen(method, getter)]
    pub fn node(this: &State) -> NodeStream;
    #[wasm_bindgen(method, setter)]
    pub fn set_node(this: &State, value: &JsValue);
    /// The stream `wrap` mirrors.
    #[wasm_bindgen(method, getter)]
    pub fn source(this: &State) -> NodeStream;
    #[wasm_bindgen(method, setter)]
    pub fn set_source(this: &State, value: &JsValue);
    /// The controller of the web stream we create.
    #[wasm_bindgen(method, getter = controller)]
    pub fn readable_controller(this: &State) -> ReadableController;
    #[wasm_bindgen(method, getter = controller)]
    pub fn writable_controller(this: &State) -> WritableController;
    #[wasm_bindgen(method, setter)]
    pub fn set_controller(this: &State, value: &JsValue);
    /// The resolve/reject of the promise the web side waits on (the façade's `defer(state)` sets them).
    #[wasm_bindgen(method, getter)]
    pub fn resolve(this: &State) -> Function;
    #[wasm_bindgen(method, setter)]
    pub fn set_resolve(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter)]
    pub fn reject(this: &State) -> Function;
    #[wasm_bindgen(method, setter)]
    pub fn set_reject(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter)]
    pub fn reader(this: &State) -> Reader;
    #[wasm_bindgen(method, setter)]
    pub fn set_reader(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter)]
    pub fn writer(this: &State) -> Writer;
    #[wasm_bindgen(method, setter)]
    pub fn set_writer(this: &State, value: &JsValue);
    /// A write waiting for the web writer: its chunk and callback.
    #[wasm_bindgen(method, getter)]
    pub fn chunk(this: &State) -> JsValue;
    #[wasm_bindgen(method, setter)]
    pub fn set_chunk(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter)]
    pub fn callback(this: &State) -> Function;
    #[wasm_bindgen(method, setter)]
    pub fn set_callback(this: &State, value: &JsValue);
    /// The bridge's promise handlers and write callback, made once (see each adapter).
    #[wasm_bindgen(method, getter = onResult)]
    pub fn on_result(this: &State) -> JsValue;
    #[wasm_bindgen(method, setter = onResult)]
    pub fn set_on_result(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter = onError)]
    pub fn on_error(this: &State) -> Function;
    #[wasm_bindgen(method, setter = onError)]
    pub fn set_on_error(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter = onReady)]
    pub fn on_ready(this: &State) -> JsValue;
    #[wasm_bindgen(method, setter = onReady)]
    pub fn set_on_ready(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter = onWritten)]
    pub fn on_written(this: &State) -> JsValue;
    #[wasm_bindgen(method, setter = onWritten)]
    pub fn set_on_written(this: &State, value: &JsValue);
    #[wasm_bindgen(method, getter = onFailed)]
    pub fn on_failed(this: &State) -> Function;
    #[wasm_bindgen(method, setter = onFailed)]
    pub fn set_on_failed(this: &State, value: &JsValue);

    /// A Node-style stream (ours or another implementation's).
    #[derive(Clone)]
    pub type NodeStream;
    #[wasm_bindgen(method, catch)]
    pub fn push(this: &NodeStream, chunk: &JsValue, encoding: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn write(this: &NodeStream, chunk: &JsValue, callback: &JsValue) -> Result<JsValue, JsValue>;

    /// A `ReadableStream` handed to `fromWeb`.
    #[derive(Clone)]
    pub type WebReadable;
    #[wasm_bindgen(method, catch, js_name = getReader)]
    pub fn get_reader(this: &WebReadable) -> Result<Reader, JsValue>;

    /// A `ReadableStreamDefaultReader`.
    #[derive(Clone)]
    pub type Reader;
    #[wasm_bindgen(method, catch)]
    pub fn read(this: &Reader) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn cancel(this: &Reader, reason: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn closed(this: &Reader) -> Result<JsValue, JsValue>;

    /// What a reader's `read()` resolves to: `{ done, value }`.
    #[derive(Clone)]
    pub type ReadResult;
    #[wasm_bindgen(method, getter, catch)]
    pub fn done(this: &ReadResult) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn value(this: &ReadResult) -> Result<JsValue, JsValue>;

    /// The controller of a `ReadableStream` we create (a default or a byte stream's).
    #[derive(Clone)]
    pub type ReadableController;
    #[wasm_bindgen(method, catch)]
    pub fn enqueue(this: &ReadableController, chunk: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn close(this: &ReadableController) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn error(this: &ReadableController, error: &JsValue) -> Result<(), JsValue>;
    /// A byte stream's pending BYOB read, else undefined (or null).
    #[wasm_bindgen(method, getter, catch, js_name = byobRequest)]
    pub fn byob_request(this: &ReadableController) -> Result<JsValue, JsValue>;

    /// A `ReadableStreamBYOBRequest`.
    #[derive(Clone)]
    pub type ByobRequest;
    #[wasm_bindgen(method, catch)]
    pub fn respond(this: &ByobRequest, bytes_written: f64) -> Result<(), JsValue>;

    /// A `WritableStream` handed to `fromWeb`.
    #[derive(Clone)]
    pub type WebWritable;
    #[wasm_bindgen(method, catch, js_name = getWriter)]
    pub fn get_writer(this: &WebWritable) -> Result<Writer, JsValue>;

    /// A `WritableStreamDefaultWriter`.
    #[derive(Clone)]
    pub type Writer;
    #[wasm_bindgen(method, catch)]
    pub fn write(this: &Writer, chunk: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn close(this: &Writer) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn abort(this: &Writer, reason: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn ready(this: &Writer) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn closed(this: &Writer) -> Result<JsValue, JsValue>;

    /// The controller of a `WritableStream` we create.
    #[derive(Clone)]
    pub type WritableController;
    #[wasm_bindgen(method, catch)]
    pub fn error(this: &WritableController, error: &JsValue) -> Result<(), JsValue>;
}
