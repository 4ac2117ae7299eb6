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
  pause(): this;
  resume(): this;
  isPaused(): boolean;
  destroy(error?: Error, callback?: (error?: Error | null) => void): this;
  iterator(options?: { destroyOnReturn?: boolean }): AsyncIterableIterator<any>;
  [Symbol.asyncIterator](): AsyncIterableIterator<any>;
}

export function addAbortSignal<T extends Stream>(signal: AbortSignal, stream: T): T;
export function getDefaultHighWaterMark(objectMode: boolean): number;
export function setDefaultHighWaterMark(objectMode: boolean, value: number): void;
