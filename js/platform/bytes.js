// Byte and text helpers for the stream façade. In Node, byte results are Buffers (built with
// Buffer.from / Buffer.concat); in browsers they are plain Uint8Arrays, encoded and decoded with
// TextEncoder/TextDecoder, btoa and the small codecs below. Both paths give what Node's Buffer and
// string_decoder give, byte for byte and character for character.

// Looked up once: the module never names the global `Buffer` any other way, so browsers need no polyfill.
const NodeBuffer = typeof globalThis.Buffer === 'function' ? globalThis.Buffer : undefined;

const ENCODINGS = {
  __proto__: null,
  utf8: 'utf8',
  'utf-8': 'utf8',
  ucs2: 'utf16le',
  'ucs-2': 'utf16le',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
  latin1: 'latin1',
  binary: 'latin1',
  ascii: 'ascii',
  base64: 'base64',
  base64url: 'base64url',
  hex: 'hex',
};

/**
 * Canonical name of an encoding by Node's rules ('utf8', 'utf16le', 'latin1', 'ascii', 'base64',
 * 'base64url' or 'hex'); undefined, null and '' mean 'utf8'; an unknown name gives undefined.
 */
export function normalizeEncoding(enc) {
  if (enc == null || enc === '') return 'utf8';
  if (typeof enc !== 'string') return undefined;
  return ENCODINGS[enc] ?? ENCODINGS[enc.toLowerCase()];
}

/** The canonical encoding, or Node's ERR_UNKNOWN_ENCODING TypeError. */
function canonicalEncoding(enc) {
  const name = normalizeEncoding(enc);
  if (name !== undefined) return name;
  const error = new TypeError(`Unknown encoding: ${String(enc)}`);
  error.code = 'ERR_UNKNOWN_ENCODING';
  throw error;
}

const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
).get;

/** True for any Uint8Array, Buffers and Uint8Arrays of other realms included. */
export function isBytes(x) {
  return x instanceof Uint8Array || typedArrayTag.call(x) === 'Uint8Array';
}

/** Node's "is a Buffer" test: `instanceof Buffer` in Node; any Uint8Array where Buffer is absent. */
export function isBuffer(x) {
  return NodeBuffer !== undefined ? x instanceof NodeBuffer : isBytes(x);
}

/** True for any ArrayBufferView (a TypedArray or a DataView): what Node's streams take as byte chunks. */
export function isByteView(x) {
  return ArrayBuffer.isView(x);
}

/** A Uint8Array (a Buffer in Node) over the same memory as `view`; a Buffer comes back as it is. */
export function toBytes(view) {
  if (NodeBuffer !== undefined) {
    return NodeBuffer.isBuffer(view) ? view : NodeBuffer.from(view.buffer, view.byteOffset, view.byteLength);
  }
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** The bytes of `str` in `encoding`, as Node's `Buffer.from(str, encoding)` gives them. */
export function fromString(str, encoding) {
  const enc = canonicalEncoding(encoding);
  return NodeBuffer !== undefined ? NodeBuffer.from(str, enc) : encode(str, enc);
}

/** One chunk holding `list`'s chunks in order, cut or zero-filled to `totalLength` when given. */
export function concat(list, totalLength) {
  if (NodeBuffer !== undefined) return NodeBuffer.concat(list, totalLength);
  if (totalLength === undefined) {
    totalLength = 0;
    for (const chunk of list) totalLength += chunk.length;
  }
  const out = new Uint8Array(totalLength);
  let offset = 0;
  for (const chunk of list) {
    if (offset + chunk.length > totalLength) {
      out.set(chunk.subarray(0, totalLength - offset), offset);
      break;
    }
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** `bytes` decoded as text in `encoding`, as Node's `buf.toString(encoding)` gives it. */
export function toString(bytes, encoding) {
  const view = toBytes(bytes);
  return decode(view, canonicalEncoding(encoding), 0, view.length);
}

/** Decodes bytes[start, end) (a Buffer in Node) in a canonical encoding, without making a view of the range. */
const decode =
  NodeBuffer !== undefined
    ? (bytes, enc, start, end) => bytes.toString(enc, start, end)
    : (bytes, enc, start, end) => decodeInBrowser(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), enc);

/**
 * Decodes byte chunks to strings like Node's `string_decoder`: a character whose bytes are split
 * across chunks comes out whole with the chunk that completes it, and `end()` gives what is left.
 */
export class StringDecoder {
  #encoding;
  // Bytes of a character cut off at the end of the last chunk (at most 4).
  #pending = NodeBuffer !== undefined ? NodeBuffer.alloc(4) : new Uint8Array(4);
  #buffered = 0;
  // How many more bytes that character needs.
  #missing = 0;

  /** A decoder for `encoding` (default 'utf8'); an unknown name throws ERR_UNKNOWN_ENCODING. */
  constructor(encoding) {
    this.#encoding = canonicalEncoding(encoding);
  }

  /** The canonical name of the encoding. */
  get encoding() {
    return this.#encoding;
  }

  /** The text of the complete characters so far; a string passes through unchanged. */
  write(chunk) {
    if (typeof chunk === 'string') return chunk;
    const enc = this.#encoding;
    const bytes = toBytes(chunk);
    if (enc === 'latin1' || enc === 'ascii' || enc === 'hex') return decode(bytes, enc, 0, bytes.length);
    let start = 0;
    let prefix = '';
    if (this.#missing > 0) {
      start = this.#complete(bytes);
      if (this.#missing === 0) {
        prefix = decode(this.#pending, enc, 0, this.#buffered);
        this.#buffered = 0;
      }
    }
    if (start === bytes.length) return prefix;
    const end = bytes.length - this.#holdBack(bytes, start);
    if (start === end) return prefix;
    const body = decode(bytes, enc, start, end);
    return prefix === '' ? body : prefix + body;
  }

  /** Decodes `chunk` if given, then whatever is held back; an incomplete UTF-8 character gives U+FFFD. */
  end(chunk) {
    let out = chunk === undefined ? '' : this.write(chunk);
    if (this.#buffered > 0) {
      // A lone trailing byte of UTF-16 decodes to nothing, as in Node.
      out += decode(this.#pending, this.#encoding, 0, this.#buffered);
      this.#buffered = 0;
      this.#missing = 0;
    }
    return out;
  }

  /**
   * Moves the bytes the held character is missing from the front of `bytes` into #pending and
   * returns how many were taken. In UTF-8 a byte that is not a continuation byte ends the held
   * character early (it then decodes as U+FFFD) and starts the next one, as in Node.
   */
  #complete(bytes) {
    let take = Math.min(bytes.length, this.#missing);
    let cut = false;
    if (this.#encoding === 'utf8') {
      for (let i = 0; i < take; i++) {
        if ((bytes[i] & 0xc0) !== 0x80) {
          take = i;
          cut = true;
          break;
        }
      }
    }
    for (let i = 0; i < take; i++) this.#pending[this.#buffered + i] = bytes[i];
    this.#buffered += take;
    this.#missing = cut ? 0 : this.#missing - take;
    return take;
  }

  /**
   * Holds back an incomplete character at the end of `bytes` (from `start` on) in #pending and
   * returns its length. The rules are Node's (src/string_decoder.cc), quirks included: UTF-8 looks
   * back at most 4 bytes, UTF-16 holds an odd byte or a trailing high surrogate, base64 holds what
   * does not fill a 3-byte group.
   */
  #holdBack(bytes, start) {
    const end = bytes.length;
    let held = 0;
    let missing = 0;
    if (this.#encoding === 'utf8') {
      if (bytes[end - 1] & 0x80) {
        for (let i = end - 1; ; i--) {
          held++;
          const byte = bytes[i];
          if ((byte & 0xc0) === 0x80) {
            // A continuation byte: keep looking for the lead byte, unless it cannot be in this chunk.
            if (held >= 4 || i === start) {
              held = 0;
              break;
            }
          } else {
            const size = byte < 0xc0 || byte >= 0xf8 ? 0 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
            if (held >= size) held = 0;
            else missing = size - held;
            break;
          }
        }
      }
    } else if (this.#encoding === 'utf16le') {
      if ((end - start) % 2 === 1) held = missing = 1;
      else if ((bytes[end - 1] & 0xfc) === 0xd8) held = missing = 2;
    } else {
      held = (end - start) % 3;
      missing = 3 - held;
    }
    if (held > 0) {
      for (let i = 0; i < held; i++) this.#pending[i] = bytes[end - held + i];
      this.#buffered = held;
      this.#missing = missing;
    }
    return held;
  }
}

// ---- Browser codecs (used only where there is no Buffer) ----

const utf8Encoder = NodeBuffer === undefined ? new TextEncoder() : undefined;
// ignoreBOM keeps a leading U+FEFF in the text, as Buffer does.
const utf8Decoder = NodeBuffer === undefined ? new TextDecoder('utf-8', { ignoreBOM: true }) : undefined;

// Value of each base64 digit, both alphabets together (Node accepts either); 255 marks other characters.
const BASE64_VALUES = new Uint8Array(256).fill(255);
const HEX_VALUES = new Uint8Array(256).fill(255);
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < 64; i++) BASE64_VALUES[BASE64_DIGITS.charCodeAt(i)] = i;
BASE64_VALUES[0x2d] = 62; // '-'
BASE64_VALUES[0x5f] = 63; // '_'
for (let i = 0; i < 16; i++) {
  HEX_VALUES[i.toString(16).charCodeAt(0)] = i;
  HEX_VALUES[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Encodes a string without Buffer. Like Node, hex and base64 read only the low byte of each UTF-16 unit. */
function encode(str, enc) {
  switch (enc) {
    case 'utf8':
      return utf8Encoder.encode(str);
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const unit = str.charCodeAt(i);
        out[2 * i] = unit;
        out[2 * i + 1] = unit >>> 8;
      }
      return out;
    }
    case 'latin1':
    case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i);
      return out;
    }
    case 'hex': {
      // Pairs of hex digits up to the first pair that is not one.
      const out = new Uint8Array(str.length >>> 1);
      let n = 0;
      for (; n < out.length; n++) {
        const high = HEX_VALUES[str.charCodeAt(2 * n) & 0xff];
        const low = HEX_VALUES[str.charCodeAt(2 * n + 1) & 0xff];
        if (high === 255 || low === 255) break;
        out[n] = (high << 4) | low;
      }
      return n < out.length ? out.subarray(0, n) : out;
    }
    default: {
      // base64 and base64url: digits of either alphabet up to the first '='; other characters are skipped.
      const out = new Uint8Array((str.length * 3) >>> 2);
      let n = 0;
      let bits = 0;
      let count = 0;
      for (let i = 0; i < str.length; i++) {
        const code = str.charCodeAt(i) & 0xff;
        if (code === 0x3d) break;
        const value = BASE64_VALUES[code];
        if (value === 255) continue;
        bits = ((bits << 6) | value) & 0xffffff;
        count += 6;
        if (count >= 8) {
          count -= 8;
          out[n++] = bits >>> count;
        }
      }
      return n < out.length ? out.subarray(0, n) : out;
    }
  }
}

/** Decodes bytes without Buffer. */
function decodeInBrowser(bytes, enc) {
  switch (enc) {
    case 'utf8':
      return utf8Decoder.decode(bytes);
    case 'utf16le': {
      // Little-endian code units, lone surrogates kept; a trailing odd byte is ignored.
      const units = new Uint16Array(bytes.length >>> 1);
      for (let i = 0; i < units.length; i++) units[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
      return fromCharCodes(units);
    }
    case 'latin1':
      return fromCharCodes(bytes);
    case 'ascii':
      // Node clears the high bit of each byte.
      return fromCharCodes(bytes.map((byte) => byte & 0x7f));
    case 'hex': {
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]];
      return out;
    }
    case 'base64':
      return btoa(fromCharCodes(bytes));
    default:
      return btoa(fromCharCodes(bytes)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
  }
}

/** A string of the given UTF-16 code units, built in slices that stay within the argument limit. */
function fromCharCodes(codes) {
  if (codes.length <= 0x2000) return String.fromCharCode.apply(null, codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 0x2000) out += String.fromCharCode.apply(null, codes.subarray(i, i + 0x2000));
  return out;
}
