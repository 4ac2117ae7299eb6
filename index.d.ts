// Types of the highwater package: the node:stream API implemented so far.

/** Byte chunks: a Buffer in Node, a Uint8Array in browsers. */
export type Bytes = Uint8Array;

/** Listener storage and events with Node's EventEmitter API. */
export class EventEmitter {
  on(event: string | symbol, listener: (...args: any[]) => void): this;
  addListener(event: string | symbol, listener: (...args: any[]) => void): this;
  once(event: string | symbol, listener: (...args: any[]) => void): this;
  prependListener(event: string | symbol, listener: (...args: any[]) => void): this;
  prependOnceListener(event: string | symbol, listener: (...args: any[]) => void): this;
  off(event: string | symbol, listener: (...args: any[]) => void): this;
  removeListener(event: string | symbol, listener: (...args: any[]) => void): this;
  removeAllListeners(event?: string | symbol): this;
  emit(event: string | symbol, ...args: any[]): boolean;
  listenerCount(event: string | symbol): number;
  listeners(event: string | symbol): Function[];
  rawListeners(event: string | symbol): Function[];
  eventNames(): (string | symbol)[];
  setMaxListeners(n: number): this;
  getMaxListeners(): number;
}

/** The base class of every highwater stream. */
export class Stream extends EventEmitter {
  constructor(options?: object);
  /** The legacy pipe of emitter-based streams: 'data' goes to `destination.write`. */
  pipe<T extends Writable | Duplex>(destination: T, options?: { end?: boolean }): T;
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

/** A readable stream with Node's semantics. */
export class Readable extends Stream implements AsyncIterable<any> {
  constructor(options?: ReadableOptions);
  static from(iterable: Iterable<any> | AsyncIterable<any> | string | Bytes, options?: ReadableOptions): Readable;
  readonly readable: boolean;
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
  readonly destroyed: boolean;
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
  pipe<T extends Writable | Duplex>(destination: T, options?: { end?: boolean }): T;
  unpipe(destination?: Writable | Duplex): this;
  [Symbol.asyncIterator](): AsyncIterableIterator<any>;
  /** A native ReadableStream over `readable`, sharing its one buffer. */
  static toWeb(readable: Readable, options?: { strategy?: QueuingStrategy<any>; type?: 'bytes' }): ReadableStream;
  static fromWeb(stream: ReadableStream, options?: { highWaterMark?: number; encoding?: string; objectMode?: boolean; signal?: AbortSignal }): Readable;
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

/** A writable stream with Node's semantics. */
export class Writable extends Stream {
  constructor(options?: WritableOptions);
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
  readonly destroyed: boolean;
  readonly errored: Error | null;
  readonly closed: boolean;
  write(chunk: any, callback?: (error?: Error | null) => void): boolean;
  write(chunk: any, encoding?: string, callback?: (error?: Error | null) => void): boolean;
  end(callback?: () => void): this;
  end(chunk: any, callback?: () => void): this;
  end(chunk: any, encoding?: string, callback?: () => void): this;
  cork(): void;
  uncork(): void;
  setDefaultEncoding(encoding: string): this;
  destroy(error?: Error, callback?: (error?: Error | null) => void): this;
  _write(chunk: any, encoding: string, callback: (error?: Error | null) => void): void;
  _writev?(chunks: { chunk: any; encoding: string }[], callback: (error?: Error | null) => void): void;
  _final?(callback: (error?: Error | null) => void): void;
  _destroy(error: Error | null, callback: (error?: Error | null) => void): void;
  /** A native WritableStream over `writable`: its desiredSize is `writable.writableDesiredSize`. */
  static toWeb(writable: Writable): WritableStream;
  static fromWeb(stream: WritableStream, options?: { highWaterMark?: number; decodeStrings?: boolean; objectMode?: boolean; signal?: AbortSignal }): Writable;
}

export interface DuplexOptions extends ReadableOptions, Omit<WritableOptions, 'destroy' | 'construct'> {
  allowHalfOpen?: boolean;
  readable?: boolean;
  writable?: boolean;
  readableHighWaterMark?: number;
  writableHighWaterMark?: number;
  readableObjectMode?: boolean;
  writableObjectMode?: boolean;
}

/** A readable and writable stream on one core; `instanceof Writable` holds too. */
export class Duplex extends Readable {
  constructor(options?: DuplexOptions);
  allowHalfOpen: boolean;
  writable: boolean;
  readonly writableLength: number;
  readonly writableHighWaterMark: number;
  readonly writableDesiredSize: number;
  readonly writableObjectMode: boolean;
  readonly writableFinished: boolean;
  readonly writableEnded: boolean;
  readonly writableNeedDrain: boolean;
  readonly writableCorked: number;
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
  // Duplex.toWeb/fromWeb exist, but their types would clash with Readable's static side:
  // use duplexToWeb/duplexFromWeb, the same functions, for typed code.
  /** A Duplex over a stream, iterable, async generator function, promise, Blob, web stream or `{ readable, writable }`. */
  static from(body: any): Duplex;
}

export interface TransformOptions extends DuplexOptions {
  transform?(this: Transform, chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void;
  flush?(this: Transform, callback: (error?: Error | null, data?: any) => void): void;
}

/** A Duplex whose writes go through `_transform` to its readable side. */
export class Transform extends Duplex {
  constructor(options?: TransformOptions);
  _transform(chunk: any, encoding: string, callback: (error?: Error | null, data?: any) => void): void;
  _flush?(callback: (error?: Error | null, data?: any) => void): void;
}

/** A Transform that passes every chunk through unchanged. */
export class PassThrough extends Transform {}

export function addAbortSignal<T extends Stream>(signal: AbortSignal, stream: T): T;
export function getDefaultHighWaterMark(objectMode: boolean): number;
export function setDefaultHighWaterMark(objectMode: boolean, value: number): void;

/** Anything pipeline and compose take as a stage. */
export type PipelineStage =
  | Readable | Writable | Duplex | ReadableStream | WritableStream | TransformStream
  | Iterable<any> | AsyncIterable<any>
  | ((source: any, options: { signal: AbortSignal }) => any);

/** `pipeline(...stages, callback)`: the last stage; `callback` is called once, with the first error. */
export function pipeline(...args: [...stages: PipelineStage[], callback: (error: Error | null | undefined, value?: any) => void]): any;
/** `finished(stream, [options], callback)`: returns a function that removes the listeners. */
export function finished(stream: Stream, callback: (error?: Error | null) => void): () => void;
export function finished(stream: Stream, options: FinishedOptions | null, callback: (error?: Error | null) => void): () => void;
export function compose(...stages: PipelineStage[]): Duplex;
export function duplexPair(options?: DuplexOptions): [Duplex, Duplex];
export function isDestroyed(stream: unknown): boolean | null;
export function isDisturbed(stream: unknown): boolean;
export function isErrored(stream: unknown): boolean;
export function isReadable(stream: unknown): boolean | null;
export function isWritable(stream: unknown): boolean | null;
export const promises: {
  pipeline(...stages: Array<PipelineStage | { signal?: AbortSignal; end?: boolean }>): Promise<any>;
  finished(stream: Stream, options?: FinishedOptions & { cleanup?: boolean }): Promise<void>;
};

export interface FinishedOptions {
  readable?: boolean;
  writable?: boolean;
  error?: boolean;
  signal?: AbortSignal;
}

export function readableToWeb(readable: Readable, options?: { strategy?: QueuingStrategy<any>; type?: 'bytes' }): ReadableStream;
export function readableFromWeb(stream: ReadableStream, options?: { highWaterMark?: number; encoding?: string; objectMode?: boolean; signal?: AbortSignal }): Readable;
export function writableToWeb(writable: Writable): WritableStream;
export function writableFromWeb(stream: WritableStream, options?: { highWaterMark?: number; decodeStrings?: boolean; objectMode?: boolean; signal?: AbortSignal }): Writable;
export function duplexToWeb(duplex: Duplex): { readable: ReadableStream; writable: WritableStream };
export function duplexFromWeb(pair: { readable: ReadableStream; writable: WritableStream }, options?: DuplexOptions): Duplex;
