// Our own small copy of the parts of Node's util.inspect that error and warning messages show
// (errors.js, events.js): the messages must read as Node's, and browsers have no util module.

const kBreakLength = 80;
const kCompact = 3;
const kMaxArrayLength = 100;
const kMaxStringLength = 10000;
const kMinLineLength = 16;
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const identifierKey = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const escapedChars = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escapedCharsKeepQuote = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const shortEscapes = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };

/**
 * Formats `value` as Node's `util.inspect(value)` does with default options (depth 2,
 * breakLength 80, compact 3); `options.depth` changes the depth. Covers primitives,
 * functions, classes, arrays, typed arrays, Map, Set, Date, RegExp, Error, plain,
 * null-prototype and class-instance objects, circular references and the
 * `Symbol.for('nodejs.util.inspect.custom')` hook (so Buffers print as in Node).
 * Differs from Node on arrays of more than 6 entries (Node groups them in columns),
 * boxed primitives, promises, weak collections and error stack clean-up.
 */
export function inspect(value, options) {
  const depth = options?.depth === undefined ? 2 : options.depth ?? Infinity;
  const ctx = { depth, seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0 };
  return formatValue(ctx, value, 0);
}

function escapeChar(char) {
  const code = char.charCodeAt(0);
  if (shortEscapes[code] !== undefined) return shortEscapes[code];
  if (code < 0xa0) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return `\\u${code.toString(16)}`;
}

// Quotes a string like Node: single quotes, unless the text holds one; then double
// quotes, or backticks, whichever the text does not hold.
function quote(str) {
  let mark = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) mark = '"';
    else if (!str.includes('`') && !str.includes('${')) mark = '`';
  }
  const escaped = str.replace(mark === "'" ? escapedChars : escapedCharsKeepQuote, escapeChar);
  return `${mark}${escaped}${mark}`;
}

/** A number as util.inspect writes it: -0 keeps its sign. */
export function formatNumber(number) {
  return Object.is(number, -0) ? '-0' : `${number}`;
}

function formatPrimitive(ctx, value) {
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > kMaxStringLength) {
        const remaining = value.length - kMaxStringLength;
        value = value.slice(0, kMaxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      // Long strings are cut after each newline and the pieces joined with " +".
      if (value.length > kMinLineLength && value.length > kBreakLength - ctx.indentationLvl - 4) {
        const lines = value.split(/(?<=\n)/).map(quote);
        return lines.join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
      }
      return quote(value) + trailer;
    }
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    default: return String(value);
  }
}

// The name of the nearest constructor on the prototype chain that `value` is an
// instance of, or null for objects without one (null prototype).
function constructorName(value) {
  for (let proto = value; proto !== null; proto = Object.getPrototypeOf(proto)) {
    const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    if (typeof ctor === 'function' && ctor.name !== '' && value instanceof ctor) return String(ctor.name);
  }
  return null;
}

function prefixOf(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '') {
    const dot = tag.lastIndexOf('.');
    if (constructor === (dot >= 1 ? tag.slice(dot + 1) : tag)) return `${tag}${size} `;
    return `${constructor}${size} [${tag}] `;
  }
  return `${constructor}${size} `;
}

function ownKeys(value, skipIndices) {
  let keys = Object.keys(value);
  if (skipIndices) keys = keys.filter((key) => !/^(0|[1-9][0-9]*)$/.test(key) || +key > 2 ** 32 - 2);
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
  }
  return keys;
}

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function userOptions(ctx) {
  return {
    depth: ctx.depth, colors: false, customInspect: true, showHidden: false, showProxy: false,
    maxArrayLength: kMaxArrayLength, maxStringLength: kMaxStringLength, breakLength: kBreakLength,
    compact: kCompact, sorted: false, getters: false, numericSeparator: false, stylize: (text) => text,
  };
}

function formatValue(ctx, value, recurseTimes) {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
  const custom = value[customInspectSymbol];
  if (typeof custom === 'function' &&
      Object.getOwnPropertyDescriptor(value, 'constructor')?.value?.prototype !== value) {
    const result = custom.call(value, ctx.depth - recurseTimes, userOptions(ctx), inspect);
    if (result !== value) {
      if (typeof result !== 'string') return formatValue(ctx, result, recurseTimes);
      return result.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    }
  }
  if (ctx.seen.includes(value)) {
    ctx.circular ??= new Map();
    if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
    return `[Circular *${ctx.circular.get(value)}]`;
  }
  return formatRaw(ctx, value, recurseTimes);
}

function formatRaw(ctx, value, recurseTimes) {
  const constructor = constructorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' ||
      (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) {
    tag = '';
  }
  let base = '';
  let braces = ['{', '}'];
  let keys;
  let entries = () => [];
  let isArrayLike = false;
  if (Array.isArray(value)) {
    const prefix = constructor !== 'Array' || tag !== '' ? prefixOf(constructor, tag, 'Array', `(${value.length})`) : '';
    keys = ownKeys(value, true);
    braces = [`${prefix}[`, ']'];
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    entries = formatArray;
  } else if (value instanceof Set || value instanceof Map) {
    const kind = value instanceof Set ? 'Set' : 'Map';
    const prefix = prefixOf(constructor, tag, kind, `(${value.size})`);
    keys = ownKeys(value, false);
    if (value.size === 0 && keys.length === 0) return `${prefix}{}`;
    braces = [`${prefix}{`, '}'];
    entries = kind === 'Set' ? formatSet : formatMap;
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    keys = ownKeys(value, true);
    braces = [`${prefixOf(constructor, tag, '', `(${value.length})`)}[`, ']'];
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    entries = formatTypedArray;
  } else {
    keys = ownKeys(value, false);
    if (typeof value === 'function') {
      base = functionBase(value, constructor, tag);
      if (keys.length === 0) return base;
    } else if (constructor === 'Object') {
      if (tag !== '') braces[0] = `${prefixOf(constructor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    } else if (value instanceof RegExp) {
      base = withPrefix(RegExp.prototype.toString.call(value), constructor, tag, 'RegExp');
      if (keys.length === 0 || recurseTimes > ctx.depth) return base;
    } else if (value instanceof Date) {
      const time = Date.prototype.getTime.call(value);
      const text = Number.isNaN(time) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      base = withPrefix(text, constructor, tag, 'Date');
      if (keys.length === 0) return base;
    } else if (value instanceof Error) {
      base = formatError(ctx, value, keys);
      if (keys.length === 0) return base;
    } else {
      const style = prefixOf(constructor, tag, 'Object');
      if (keys.length === 0) return `${style}{}`;
      braces[0] = `${style}{`;
    }
  }

  if (recurseTimes > ctx.depth) {
    const name = prefixOf(constructor, tag, 'Object').slice(0, -1);
    return constructor === null ? name : `[${name}]`;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output = entries(ctx, value, recurseTimes);
  for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, false));
  const ref = ctx.circular?.get(value);
  if (ref !== undefined) base = base === '' ? `<ref *${ref}>` : `<ref *${ref}> ${base}`;
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes);
}

function withPrefix(text, constructor, tag, fallback) {
  const prefix = prefixOf(constructor, tag, fallback);
  return prefix === `${fallback} ` ? text : `${prefix}${text}`;
}

function functionBase(fn, constructor, tag) {
  const source = Function.prototype.toString.call(fn);
  if (source.startsWith('class') && source.endsWith('}') && /^class\b[^(]*?\{/.test(source)) {
    let base = `class ${(Object.prototype.hasOwnProperty.call(fn, 'name') && fn.name) || '(anonymous)'}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor === null) base += ' extends [null prototype]';
    else if (Object.getPrototypeOf(fn).name) base += ` extends ${Object.getPrototypeOf(fn).name}`;
    return `[${base}]`;
  }
  const type = /^(Async|Generator|AsyncGenerator)Function$/.test(tag) ? tag : 'Function';
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  base += fn.name === '' ? ' (anonymous)' : `: ${String(fn.name)}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function formatError(ctx, err, keys) {
  let stack = typeof err.stack === 'string' && err.stack !== '' ? err.stack : Error.prototype.toString.call(err);
  for (const hidden of ['stack', 'message', 'name']) {
    const index = keys.indexOf(hidden);
    if (index !== -1 && (hidden === 'stack' || typeof err[hidden] !== 'string' || stack.includes(err[hidden]))) {
      keys.splice(index, 1);
    }
  }
  if (Object.prototype.hasOwnProperty.call(err, 'cause') && !keys.includes('cause')) keys.push('cause');
  if (!stack.includes('\n    at')) stack = `[${stack}]`;
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

function formatArray(ctx, array, recurseTimes) {
  const output = [];
  let i = 0;
  while (i < array.length && output.length < kMaxArrayLength) {
    if (Object.prototype.hasOwnProperty.call(array, i)) {
      output.push(formatProperty(ctx, array, recurseTimes, i, true));
      i++;
    } else {
      let holes = 0;
      while (i < array.length && !Object.prototype.hasOwnProperty.call(array, i)) { holes++; i++; }
      output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
    }
  }
  if (i < array.length) output.push(remainingText(array.length - i));
  return output;
}

function formatTypedArray(ctx, array) {
  const shown = Math.min(kMaxArrayLength, array.length);
  const output = [];
  for (let i = 0; i < shown; i++) output.push(formatPrimitive(ctx, array[i]));
  if (array.length > shown) output.push(remainingText(array.length - shown));
  return output;
}

function formatSet(ctx, set, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const item of set) {
    if (output.length === kMaxArrayLength) break;
    output.push(formatValue(ctx, item, recurseTimes));
  }
  if (set.size > kMaxArrayLength) output.push(remainingText(set.size - kMaxArrayLength));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, map, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const [key, item] of map) {
    if (output.length === kMaxArrayLength) break;
    output.push(`${formatValue(ctx, key, recurseTimes)} => ${formatValue(ctx, item, recurseTimes)}`);
  }
  if (map.size > kMaxArrayLength) output.push(remainingText(map.size - kMaxArrayLength));
  ctx.indentationLvl -= 2;
  return output;
}

function formatProperty(ctx, object, recurseTimes, key, isElement) {
  const desc = Object.getOwnPropertyDescriptor(object, key);
  let text;
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    text = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    text = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else {
    text = desc.set !== undefined ? '[Setter]' : 'undefined';
  }
  if (isElement) return text;
  let name;
  if (typeof key === 'symbol') name = String(key).replace(escapedChars, escapeChar);
  else if (identifierKey.test(key)) name = key === '__proto__' ? "['__proto__']" : key;
  else name = quote(key);
  return desc.enumerable ? `${name}: ${text}` : `[${name}]: ${text}`;
}

// Puts the entries on one line when they are few, shallow and short enough;
// otherwise one entry per line.
function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes) {
  if (ctx.currentDepth - recurseTimes < kCompact) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (fitsOnOneLine(output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function fitsOnOneLine(output, start, base) {
  let total = output.length + start;
  if (total + output.length > kBreakLength) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > kBreakLength) return false;
  }
  return base === '' || !base.includes('\n');
}
