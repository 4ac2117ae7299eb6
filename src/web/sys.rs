//! Typed bindings to the web stream objects the adapters drive: a method or getter here is a
//! plain `obj.name(...)` in the JS glue, so any object that behaves like a web stream works, and
//! no name crosses the boundary as a string. Each can throw (a user's object may), so each is
//! `catch` and answers a `Result`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
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
