// Node-style errors for highwater: each carries Node's `code`, `name` and message
// text, so code that checks `err.code` or compares messages sees what Node gives.
// Runs in browsers too: no Node modules; values in messages are shown by inspect.js.
import { formatNumber, inspect } from './inspect.js';

// ---------------------------------------------------------------------------
// Message helpers
// ---------------------------------------------------------------------------

// The lower-case type names ERR_INVALID_ARG_TYPE lists as "of type ..."
const typeNames = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const className = /^[A-Z][a-zA-Z0-9]*$/;
const builtinToStrings = new Set([
  Object.prototype.toString, Array.prototype.toString, Error.prototype.toString,
  Date.prototype.toString, RegExp.prototype.toString,
]);

/** Joins `items` as "a", "a and b", or "a, b, and c" (`conjunction` replaces "and"). */
export function formatList(items, conjunction = 'and') {
  if (items.length < 3) return items.join(` ${conjunction} `);
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`;
}

/** Writes an integer string with `_` every three digits, as Node's range errors do: "4_294_967_296". */
export function addNumericalSeparator(digits) {
  let result = '';
  let i = digits.length;
  const start = digits[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${digits.slice(i - 3, i)}${result}`;
  return `${digits.slice(0, i)}${result}`;
}

/** Describes a value's type the way Node's "Received ..." message tails do. */
export function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number': return `type number (${formatNumber(value)})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'object': {
      const name = value.constructor?.name;
      if (typeof name === 'string' && name !== '') return `an instance of ${name}`;
      return inspect(value, { depth: -1 });
    }
    default: {
      const text = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return text.includes("'") ? `type string (${JSON.stringify(text)})` : `type string ('${text}')`;
    }
  }
}

// The text util.format('%s', value) gives, for messages with one inserted value.
function formatArg(value) {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (typeof value.toString === 'function' && !builtinToStrings.has(value.toString)) return String(value);
  return inspect(value, { depth: 0 });
}

// ---------------------------------------------------------------------------
// Error classes
// ---------------------------------------------------------------------------

// Makes the class for one code on one base (Error, TypeError, RangeError).
// `message` is the text, or a function of the constructor's arguments.
function defineError(code, Base, message) {
  return class NodeError extends Base {
    constructor(...args) {
      super(typeof message === 'function' ? message(...args) : message);
      this.code = code;
      // V8 writes the stack's first line on first read, from name and message:
      // reading it while the name holds the code gives Node's "TypeError [CODE]: ...".
      this.name = `${Base.name} [${code}]`;
      void this.stack;
      delete this.name;
    }

    /** "TypeError [CODE]: message", as Node's errors print. */
    toString() {
      return `${this.name} [${code}]: ${this.message}`;
    }
  };
}

function invalidArgTypeMessage(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) msg += `${name} `;
  else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  msg += 'must be ';
  const types = [];
  const instances = [];
  const other = [];
  for (const item of expected) {
    if (typeNames.includes(item)) types.push(item.toLowerCase());
    else if (className.test(item)) instances.push(item);
    else other.push(item);
  }
  // With instances listed, "object" reads better as "an instance of ... Object".
  if (instances.length > 0 && types.includes('object')) {
    types.splice(types.indexOf('object'), 1);
    instances.push('Object');
  }
  if (types.length > 0) {
    msg += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${formatList(instances, 'or')}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 1) msg += `one of ${formatList(other, 'or')}`;
  else if (other.length === 1) msg += `${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`;
  return `${msg}. Received ${determineSpecificType(actual)}`;
}

function invalidArgValueMessage(name, value, reason = 'is invalid') {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${shown}`;
}

function invalidReturnValueMessage(input, name, value) {
  return `Expected ${input} to be returned from the "${name}" function but got ${determineSpecificType(value)}.`;
}

function invalidStateMessage(message) {
  return `Invalid state: ${formatArg(message)}`;
}

/** TypeError: `name` should be one of the `expected` types or classes; tells what `actual` is. */
export const ERR_INVALID_ARG_TYPE = defineError('ERR_INVALID_ARG_TYPE', TypeError, invalidArgTypeMessage);

/** TypeError (or `.RangeError`): "The argument 'name' <reason>. Received <value>". */
export const ERR_INVALID_ARG_VALUE = defineError('ERR_INVALID_ARG_VALUE', TypeError, invalidArgValueMessage);
/** RangeError form of ERR_INVALID_ARG_VALUE. */
ERR_INVALID_ARG_VALUE.RangeError = defineError('ERR_INVALID_ARG_VALUE', RangeError, invalidArgValueMessage);

/** RangeError: "The value of "name" is out of range. It must be <range>. Received <value>". */
export const ERR_OUT_OF_RANGE = defineError('ERR_OUT_OF_RANGE', RangeError, (name, range, received) => {
  let shown;
  if (Number.isInteger(received) && Math.abs(received) > 2 ** 32) {
    shown = addNumericalSeparator(String(received));
  } else if (typeof received === 'bigint') {
    shown = String(received);
    if (received > 2n ** 32n || received < -(2n ** 32n)) shown = addNumericalSeparator(shown);
    shown += 'n';
  } else {
    shown = inspect(received);
  }
  return `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`;
});

/** Error: push() called on a readable after push(null). */
export const ERR_STREAM_PUSH_AFTER_EOF = defineError('ERR_STREAM_PUSH_AFTER_EOF', Error, 'stream.push() after EOF');

/** Error: unshift() called on a readable after its 'end' event. */
export const ERR_STREAM_UNSHIFT_AFTER_END_EVENT =
  defineError('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', Error, 'stream.unshift() after end event');

/** Error: a subclass did not implement `method` (e.g. "_read()"). */
export const ERR_METHOD_NOT_IMPLEMENTED =
  defineError('ERR_METHOD_NOT_IMPLEMENTED', Error, (method) => `The ${formatArg(method)} method is not implemented`);

/** Error: a stream closed before it ended or finished. */
export const ERR_STREAM_PREMATURE_CLOSE = defineError('ERR_STREAM_PREMATURE_CLOSE', Error, 'Premature close');

/** Error: `method` called on a destroyed stream. */
export const ERR_STREAM_DESTROYED = defineError('ERR_STREAM_DESTROYED', Error,
  (method) => `Cannot call ${formatArg(method)} after a stream was destroyed`);

/** Error: a callback (write's, _read's, ...) was called twice. */
export const ERR_MULTIPLE_CALLBACK = defineError('ERR_MULTIPLE_CALLBACK', Error, 'Callback called multiple times');

/** Error: write() after end(). */
export const ERR_STREAM_WRITE_AFTER_END = defineError('ERR_STREAM_WRITE_AFTER_END', Error, 'write after end');

/** TypeError: null written to a stream (object mode included). */
export const ERR_STREAM_NULL_VALUES = defineError('ERR_STREAM_NULL_VALUES', TypeError, 'May not write null values to stream');

/** Error: `method` called on a stream that already finished. */
export const ERR_STREAM_ALREADY_FINISHED = defineError('ERR_STREAM_ALREADY_FINISHED', Error,
  (method) => `Cannot call ${formatArg(method)} after a stream was finished`);

/** Error: pipe() called on a stream that is not readable. */
export const ERR_STREAM_CANNOT_PIPE = defineError('ERR_STREAM_CANNOT_PIPE', Error, 'Cannot pipe, not readable');

/** Error: pipe() to a closed or destroyed destination. */
export const ERR_STREAM_UNABLE_TO_PIPE =
  defineError('ERR_STREAM_UNABLE_TO_PIPE', Error, 'Cannot pipe to a closed or destroyed stream');

/** TypeError: an encoding name no decoder knows. */
export const ERR_UNKNOWN_ENCODING =
  defineError('ERR_UNKNOWN_ENCODING', TypeError, (encoding) => `Unknown encoding: ${formatArg(encoding)}`);

/** Error (or `.TypeError`, `.RangeError`): "Invalid state: <message>". */
export const ERR_INVALID_STATE = defineError('ERR_INVALID_STATE', Error, invalidStateMessage);
/** TypeError form of ERR_INVALID_STATE. */
ERR_INVALID_STATE.TypeError = defineError('ERR_INVALID_STATE', TypeError, invalidStateMessage);
/** RangeError form of ERR_INVALID_STATE. */
ERR_INVALID_STATE.RangeError = defineError('ERR_INVALID_STATE', RangeError, invalidStateMessage);

/**
 * Error: an 'error' event with no listener. `shown` is the already-formatted value
 * that was emitted: "Unhandled error. (<shown>)", or "Unhandled error." without one.
 */
export const ERR_UNHANDLED_ERROR = defineError('ERR_UNHANDLED_ERROR', Error,
  (shown = undefined) => (shown === undefined ? 'Unhandled error.' : `Unhandled error. (${shown})`));

/** TypeError (or `.RangeError`): a user function returned the wrong kind of value. */
export const ERR_INVALID_RETURN_VALUE = defineError('ERR_INVALID_RETURN_VALUE', TypeError, invalidReturnValueMessage);
/** RangeError form of ERR_INVALID_RETURN_VALUE. */
ERR_INVALID_RETURN_VALUE.RangeError = defineError('ERR_INVALID_RETURN_VALUE', RangeError, invalidReturnValueMessage);

/** TypeError: a function that is not a constructor was called with `new`. */
export const ERR_ILLEGAL_CONSTRUCTOR = defineError('ERR_ILLEGAL_CONSTRUCTOR', TypeError, 'Illegal constructor');

/** TypeError: required arguments missing; each argument names one, or an array of alternatives. */
export const ERR_MISSING_ARGS = defineError('ERR_MISSING_ARGS', TypeError, (...names) => {
  const wrapped = names.map((name) => (Array.isArray(name) ? name.map((n) => `"${n}"`).join(' or ') : `"${name}"`));
  return `The ${formatList(wrapped)} argument${names.length > 1 ? 's' : ''} must be specified`;
});

/** The error an aborted operation fails with: name 'AbortError', code 'ABORT_ERR'; `options.cause` as for Error. */
export class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

/**
 * Combines an error met while cleaning up (`inner`) with the one that caused the
 * clean-up (`outer`): an AggregateError [outer, inner] with outer's message and code,
 * or the one that is set when they are not two different errors.
 */
export function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) {
      outer.errors.push(inner);
      return outer;
    }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}

// ---------------------------------------------------------------------------
// Validators (Node's internal/validators, same codes and messages)
// ---------------------------------------------------------------------------

/** Throws ERR_INVALID_ARG_TYPE unless `value` is a function. */
export function validateFunction(value, name) {
  if (typeof value !== 'function') throw new ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

/**
 * Throws ERR_INVALID_ARG_TYPE unless `value` is an object; `nullable` admits null,
 * `allowArray` arrays and `allowFunction` functions.
 */
export function validateObject(value, name, { nullable = false, allowArray = false, allowFunction = false } = {}) {
  if ((!nullable && value === null) ||
      (!allowArray && Array.isArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

/** Throws ERR_INVALID_ARG_TYPE unless `signal` is undefined or an AbortSignal-like object. */
export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

/** Throws unless `value` is an integer number within [min, max] (safe integers by default). */
export function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

/** Throws unless `value` is a number within the bounds given (NaN fails when a bound is given). */
export function validateNumber(value, name, min = undefined, max = undefined) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && Number.isNaN(value))) {
    const range = `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`;
    throw new ERR_OUT_OF_RANGE(name, range, value);
  }
}
