// Types of the highwater package: the node:stream API implemented so far.
//
// This file is the one source of the types. It describes the CommonJS build (`require`,
// dist/highwater.cjs); index.d.ts, for `import`, re-exports it (an ES module may import a
// CommonJS one, not the other way round under `module: node16`), so both module systems see the
// same classes.
//
// Nothing here imports from 'node:stream' or other Node modules, so the types work with or
// without @types/node (in a browser project there is no such module). Where highwater takes a
// Node-style stream of any origin (node:stream's, fs, net, http, or an older emitter-based one),
// the parameter is one of the structural interfaces below, built from what highwater itself
// checks at run time (js/composition/utils.js: `on` plus `pipe` for a readable, `on` plus `write` for a
// writable). The web types (ReadableStream, WritableStream, TransformStream, QueuingStrategy,
// AbortSignal, Blob) are the globals that lib.dom and @types/node both declare.

/** Byte chunks: a Buffer in Node, a Uint8Array in browsers. */
export type Bytes = Uint8Array;

/** Listener storage and events with Node's EventEmitter API (not itself a named export). */
declare class EventEmitter {
  on(event: string | symbol, listener: (...args: any[]) => void): this;
  addListener(event: string | symbol, listener: (...args: any[]) => void): this;
  once(event: string | symbol, listener: (...args: any[]) => void): this;
  prependListener(event: string | symbol, listener: (...args: any[]) => void): this;
  prependOnceListener(event: string | symbol, listener: (...args: any[]) => void): this;
  off(event: string | symbol, listener: (...args: any[]) => void): this;
  removeListener(event: string | symbol, listener: (...args: any[]) => void): this;
  removeAllListeners(event?: string | symbol): this;
  emit(event: string | symbol, ...args: any[]): boolean;
  listenerCount(event: string | symbol, listener?: (...args: any[]) => void): number;
  listeners(event: string | symbol): ((...args: any[]) => void)[];
  rawListeners(event: string | symbol): ((...args: any[]) => void)[];
  eventNames(): (string | symbol)[];
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
}
// A type only: `import { EventEmitter } from 'highwater'` has no value at run time.
export type { EventEmitter };

// ---- Node-style streams of any origin ----

/** Any Node-style stream: an emitter with a readable or a writable side (`isNodeStream`). */
export type NodeStreamLike = ReadableLike | WritableLike;

/**
 * A Node-style readable stream: highwater's, node:stream's (fs.ReadStream,
 * http.IncomingMessage, a net.Socket) or an older emitter-based one. What highwater looks for
 * (`isReadableNodeStream`): `on` and `pipe`.
 */
export interface ReadableLike {
  on(event: string | symbol, listener: (...args: any[]) => void): unknown;
  pipe(destination: any, options?: any): unknown;
}

/**
 * A Node-style writable stream: highwater's, node:stream's (fs.WriteStream,
 * http.ServerResponse, a net.Socket) or an older emitter-based one. What highwater looks for
 * (`isWritableNodeStream`): `on` and `write`.
 */
export interface WritableLike {
  on(event: string | symbol, listener: (...args: any[]) => void): unknown;
  write(chunk: any, ...rest: any[]): unknown;
}

/** A web stream pair, as `Duplex.toWeb` and `Transform.toWeb` return and `pipeThrough` takes. */
export interface WebStreamPair<R = any, W = any> {
  readable: ReadableStream<R>;
  writable: WritableStream<W>;
}

// ---- the classes ----

/** The base class of every highwater stream (Node's legacy `Stream`). */
export declare class Stream extends EventEmitter {
  constructor(options?: object);
  /** The legacy pipe of emitter-based streams: 'data' goes to `destination.write`. */
  pipe<T extends WritableLike>(destination: T, options?: { end?: boolean }): T;
}

export interface ReadableOptions {
  highWaterMark?: number;
  objectMode?: boolean;
  encoding?: string;
  defaultEncoding?: string;
  emitClose?: boolean;
  autoDestroy?: boolean;
  signal?: AbortSignal;
  read?(this: Readable, size: number): void;
  destroy?(this: Readable, error: Error | null, callback: (error?: Error | null) => void): void;
  construct?(this: Readable, callback: (error?: Error | null) => void): void;
}

/** Options of `Readable.toWeb`. */
export interface ReadableToWebOptions {
  strategy?: QueuingStrategy<any>;
  type?: 'bytes';
}

/** Options of `Readable.fromWeb`. */
export interface ReadableFromWebOptions {
  highWaterMark?: number;
  encoding?: string;
  objectMode?: boolean;
  signal?: AbortSignal;
}

/** A readable stream with Node's semantics. */
export declare class Readable extends Stream implements AsyncIterable<any> {
  constructor(options?: ReadableOptions);
  static from(iterable: Iterable<any> | AsyncIterable<any> | string | Bytes, options?: ReadableOptions): Readable;
  /** A native ReadableStream over `readable` (a highwater Readable), sharing its one buffer. */
  /** Any Node-style readable (highwater's, node:stream's, an http.IncomingMessage), as in Node. */
  static toWeb(readable: ReadableLike, options?: ReadableToWebOptions): ReadableStream;
  static fromWeb(stream: ReadableStream, options?: ReadableFromWebOptions): Readable;
  readable: boolean;
  readonly readableLength: number;
  readonly readableHighWaterMark: number;
  /** highWaterMark minus the buffered length: what a web consumer sees as desiredSize. */
  readonly readableDesiredSize: number;
  readonly readableObjectMode: boolean;
  readonly readableEnded: boolean;
  readableFlowing: boolean | null;
  readonly readableAborted: boolean;
  readonly readableDidRead: boolean;
  readonly readableEncoding: string | null;
  destroyed: boolean;
  readonly errored: Error | null;
  readonly closed: boolean;
  push(chunk: any, encoding?: string): boolean;
  unshift(chunk: any, encoding?: string): boolean;
  read(size?: number): any;
  _read(size: number): void;
  _destroy(error: Error | null, callback: (error?: Error | null) => void): void;
  _construct?(callback: (error?: Error | null) => void): void;
  setEncoding(encoding: string): this;
  /** Read an old-style stream (only `on`, `pause`, `resume`) through this one, as Node does. */
  wrap(stream: { on(event: string, listener: (...args: any[]) => void): unknown }): this;
  pause(): this;
  resume(): this;
  isPaused(): boolean;
  destroy(error?: Error, callback?: (error?: Error | null) => void): this;
  iterator(options?: { destroyOnReturn?: boolean }): AsyncIterableIterator<any>;
  /** Pipes into any Node-style writable: highwater's, node:stream's, an http.ServerResponse. */
  pipe<T extends WritableLike>(destination: T, options?: { end?: boolean }): T;
  unpipe(destination?: WritableLike): this;
  [Symbol.asyncIterator](): AsyncIterableIterator<any>;
  compose(stream: PipelineStage, options?: { signal?: AbortSignal }): Duplex;
  map(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Readable;
  filter(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Readable;
  flatMap(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Readable;
  drop(limit: number, options?: { signal?: AbortSignal }): Readable;
  take(limit: number, options?: { signal?: AbortSignal }): Readable;
  forEach(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Promise<void>;
  toArray(options?: { signal?: AbortSignal }): Promise<any[]>;
  some(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Promise<boolean>;
  find(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Promise<any>;
  every(fn: (data: any, options: OperatorCallOptions) => any, options?: OperatorOptions): Promise<boolean>;
  reduce(fn: (previous: any, data: any, options: OperatorCallOptions) => any, initial?: any, options?: { signal?: AbortSignal }): Promise<any>;
}

/** Options of the operators that call a function per chunk. */
export interface OperatorOptions {
  concurrency?: number;
  highWaterMark?: number;
  signal?: AbortSignal;
}

/** What an operator's function gets besides the chunk. */
export interface OperatorCallOptions {
  signal: AbortSignal;
}

export interface WritableOptions {
  highWaterMark?: number;
  objectMode?: boolean;
  decodeStrings?: boolean;
  defaultEncoding?: string;
  emitClose?: boolean;
  autoDestroy?: boolean;
  signal?: AbortSignal;
  write?(this: Writable, chunk: any, encoding: string, callback: (error?: Error | null) => void): void;
  writev?(this: Writable, chunks: { chunk: any; encoding: string }[], callback: (error?: Error | null) => void): void;
  final?(this: Writable, callback: (error?: Error | null) => void): void;
  destroy?(this: Writable, error: Error | null, callback: (error?: Error | null) => void): void;
  construct?(this: Writable, callback: (error?: Error | null) => void): void;
}

/** Options of `Writable.fromWeb`. */
export interface WritableFromWebOptions {
  highWaterMark?: number;
  decodeStrings?: boolean;
  objectMode?: boolean;
  signal?: AbortSignal;
}

/** The writable side's members, shared by Writable and Duplex. */
export interface WritableSide {
  writable: boolean;
  readonly writableLength: number;
  readonly writableHighWaterMark: number;
  /** highWaterMark minus the unprocessed length: what a web producer sees as desiredSize. */
  readonly writableDesiredSize: number;
  readonly writableObjectMode: boolean;
  readonly writableFinished: boolean;
  readonly writableEnded: boolean;
  readonly writableNeedDrain: boolean;
  readonly writableCorked: number;
  readonly writableAborted: boolean;
  write(chunk: any, callback?: (error?: Error | null) => void): boolean;
  write(chunk: any, encoding?: string, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): this;
  end(chunk: any, callback?: () => void): this;
  end(chunk: any, encoding?: string, callback?: () => void): this;
  cork(): void;
  uncork(): void;
  setDefaultEncoding(encoding: string): this;
  _write(chunk: any, encoding: string, callback: (error?: Error | null) => void): void;
  _writev?(chunks: { chunk: any; encoding: string }[], callback: (error?: Error | null) => void): void;
  _final?(callback: (error?: Error | null) => void): void;
}

/** A writable stream with Node's semantics. */
export declare class Writable extends Stream {
  constructor(options?: WritableOptions);
  /**
   * A native WritableStream over `writable` (any Node-style writable): its desiredSize is
   * `writable.writableDesiredSize`.
   */
  static toWeb(writable: WritableLike): WritableStream;
  static fromWeb(stream: WritableStream, options?: WritableFromWebOptions): Writable;
  destroyed: boolean;
  readonly errored: Error | null;
  readonly closed: boolean;
  destroy(error?: Error, callback?: (error?: Error | null) => void): this;
  _destroy(error: Error | null, callback: (error?: Error | null) => void): void;
}
export interface Writable extends WritableSide {}

export interface DuplexOptions extends ReadableOptions, Omit<WritableOptions, 'destroy' | 'construct'> {
  allowHalfOpen?: boolean;
  readable?: boolean;
  writable?: boolean;
  readableHighWaterMark?: number;
  writableHighWaterMark?: number;
  readableObjectMode?: boolean;
  writableObjectMode?: boolean;
}

/** What `Duplex.from` takes. */
export type DuplexFromBody =
  | ReadableLike | WritableLike | ReadableStream | WritableStream | WebStreamPair
  | { readable?: ReadableLike | ReadableStream; writable?: WritableLike | WritableStream }
  | Iterable<any> | AsyncIterable<any> | ((source: AsyncIterable<any>) => any)
  | PromiseLike<any> | Blob | string | Bytes;

/** A readable and writable stream on one core; `instanceof Writable` holds too. */
export interface Duplex extends Readable, WritableSide {
  allowHalfOpen: boolean;
}

/**
 * Duplex's static side. Declared apart from the class form because `Duplex.toWeb` returns a
 * pair where `Readable.toWeb` (which a class extending Readable would have to match) returns a
 * ReadableStream; @types/node declares some of Node's classes in the same way.
 */
export interface DuplexConstructor {
  new (options?: DuplexOptions): Duplex;
  readonly prototype: Duplex;
  /** A Duplex over a stream, iterable, async generator function, promise, Blob, web stream or `{ readable, writable }`. */
  from(body: DuplexFromBody): Duplex;
  /** `{ readable, writable }`: a native web stream per side, usable with `pipeThrough`. */
  toWeb(duplex: ReadableLike & WritableLike): WebStreamPair;
  fromWeb(pair: WebStreamPair, options?: DuplexOptions): Duplex;
}
export declare const Duplex: DuplexConstructor;

export interface TransformOptions extends DuplexOptions {
  transform?(this: Transform, chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void;
  flush?(this: Transform, callback: (error?: Error | null, data?: any) => void): void;
}

/** A Duplex whose writes go through `_transform` to its readable side; `toWeb`, `fromWeb` and `from` are Duplex's. */
export declare class Transform extends Duplex {
  constructor(options?: TransformOptions);
  _transform(chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void;
  _flush?(callback: (error?: Error | null, data?: any) => void): void;
}

/** A Transform that passes every chunk through unchanged. */
export declare class PassThrough extends Transform {}

// ---- functions ----

export declare function addAbortSignal<T extends NodeStreamLike>(signal: AbortSignal, stream: T): T;
export declare function getDefaultHighWaterMark(objectMode: boolean): number;
export declare function setDefaultHighWaterMark(objectMode: boolean, value: number): void;

/** Anything pipeline and compose take as a stage. */
export type PipelineStage =
  | ReadableLike | WritableLike | ReadableStream | WritableStream | TransformStream | WebStreamPair
  | Iterable<any> | AsyncIterable<any>
  | ((source: any, options: { signal: AbortSignal }) => any);

/** pipeline's callback: called once, with the first error, or the last stage's value. */
export type PipelineCallback = (error: Error | null | undefined, value?: any) => void;

/** `pipeline(...stages, callback)` or `pipeline([...stages], callback)`: returns the last stage. */
export declare function pipeline(stages: readonly PipelineStage[], callback: PipelineCallback): any;
export declare function pipeline(...args: [...stages: PipelineStage[], callback: PipelineCallback]): any;
/** `finished(stream, [options], callback)`: returns a function that removes the listeners. */
export declare function finished(stream: NodeStreamLike, callback: (error?: Error | null) => void): () => void;
export declare function finished(stream: NodeStreamLike, options: FinishedOptions | null, callback: (error?: Error | null) => void): () => void;
export declare function compose(...stages: PipelineStage[]): Duplex;
export declare function duplexPair(options?: DuplexOptions): [Duplex, Duplex];
export declare function isDestroyed(stream: unknown): boolean | null;
export declare function isDisturbed(stream: unknown): boolean;
export declare function isErrored(stream: unknown): boolean;
export declare function isReadable(stream: unknown): boolean | null;
export declare function isWritable(stream: unknown): boolean | null;

export interface FinishedOptions {
  readable?: boolean;
  writable?: boolean;
  error?: boolean;
  signal?: AbortSignal;
}

/** The promise forms of pipeline and finished: `promises` here, and `highwater/promises`. */
export interface StreamPromises {
  /** `pipeline(...stages, [{ signal, end }])`: resolves with the last stage's value. */
  pipeline(...stages: Array<PipelineStage | readonly PipelineStage[] | { signal?: AbortSignal; end?: boolean }>): Promise<any>;
  /** `finished(stream, options)`: resolves when the stream is done; `cleanup: true` removes the listeners then. */
  finished(stream: NodeStreamLike, options?: FinishedOptions & { cleanup?: boolean }): Promise<void>;
}
export declare const promises: StreamPromises;

export declare function readableToWeb(readable: Readable, options?: ReadableToWebOptions): ReadableStream;
export declare function readableFromWeb(stream: ReadableStream, options?: ReadableFromWebOptions): Readable;
export declare function writableToWeb(writable: WritableLike): WritableStream;
export declare function writableFromWeb(stream: WritableStream, options?: WritableFromWebOptions): Writable;
export declare function duplexToWeb(duplex: Duplex): WebStreamPair;
export declare function duplexFromWeb(pair: WebStreamPair, options?: DuplexOptions): Duplex;

/** The default export and `require('highwater')`: the legacy Stream with every export attached, as node:stream's. */
/** Destroys any Node-style stream (or an http request) with `error`, as `stream.destroy` in Node. */
export declare function destroy(stream: NodeStreamLike, error?: Error): void;

export interface Highwater {
  Readable: typeof Readable;
  Writable: typeof Writable;
  Duplex: typeof Duplex;
  Transform: typeof Transform;
  PassThrough: typeof PassThrough;
  Stream: typeof Stream;
  addAbortSignal: typeof addAbortSignal;
  getDefaultHighWaterMark: typeof getDefaultHighWaterMark;
  setDefaultHighWaterMark: typeof setDefaultHighWaterMark;
  pipeline: typeof pipeline;
  finished: typeof finished;
  destroy: typeof destroy;
  compose: typeof compose;
  duplexPair: typeof duplexPair;
  isDestroyed: typeof isDestroyed;
  isDisturbed: typeof isDisturbed;
  isErrored: typeof isErrored;
  isReadable: typeof isReadable;
  isWritable: typeof isWritable;
  promises: typeof promises;
  readableToWeb: typeof readableToWeb;
  readableFromWeb: typeof readableFromWeb;
  writableToWeb: typeof writableToWeb;
  writableFromWeb: typeof writableFromWeb;
  duplexToWeb: typeof duplexToWeb;
  duplexFromWeb: typeof duplexFromWeb;
}
declare const highwater: typeof Stream & Highwater;
export default highwater;
