/**
 * A synchronous raw DEFLATE decoder (RFC 1951), for the wasm embedded in the package: stored
 * deflated and base64-encoded it costs about 10 KB less gzipped than base64 of the bare wasm
 * (base64 hides the byte patterns gzip would find), and the platforms' own decompressors are
 * asynchronous, while the wasm must be ready before the first `new Readable()`.
 */

/** Symbol tables of the 29 length codes and 30 distance codes: base value and extra bits. */
const lengthBase = new Uint16Array(29);
const lengthExtra = new Uint8Array(29);
const distanceBase = new Uint16Array(30);
const distanceExtra = new Uint8Array(30);
for (let i = 0, base = 3; i < 29; i++) {
  lengthExtra[i] = i < 8 || i === 28 ? 0 : (i - 4) >> 2;
  lengthBase[i] = i === 28 ? 258 : base;
  base += 1 << lengthExtra[i];
}
for (let i = 0, base = 1; i < 30; i++) {
  distanceExtra[i] = i < 4 ? 0 : (i - 2) >> 1;
  distanceBase[i] = base;
  base += 1 << distanceExtra[i];
}
/** The order in which a dynamic block lists the code lengths of the code-length alphabet. */
const codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * A canonical Huffman code as a lookup table indexed by the next `bits` input bits: each entry
 * is `symbol << 4 | code length`. Codes are stored first bit first, so each code is reversed.
 */
function huffman(lengths) {
  let bits = 1;
  const counts = new Uint16Array(16);
  for (const length of lengths) {
    counts[length]++;
    if (length > bits) bits = length;
  }
  counts[0] = 0;
  const next = new Uint16Array(16);
  for (let length = 1, code = 0; length < 16; length++) {
    code = (code + counts[length - 1]) << 1;
    next[length] = code;
  }
  const table = new Uint16Array(1 << bits);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (!length) continue;
    let code = next[length]++;
    let reversed = 0;
    for (let i = 0; i < length; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    for (let i = reversed; i < table.length; i += 1 << length) table[i] = (symbol << 4) | length;
  }
  return { table, bits };
}

const fixedLiterals = huffman(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
const fixedDistances = huffman(new Array(30).fill(5));

/** Decodes raw DEFLATE `input` into exactly `size` bytes; throws on a malformed stream. */
export function inflate(input, size) {
  // One function with local variables only, no closures: it runs once, mostly before V8 has
  // optimized it, and the interpreter is several times faster on locals than on captured ones.
  const output = new Uint8Array(size);
  const end = input.length;
  let at = 0;
  let inAt = 0;
  let bitBuffer = 0;
  let bitCount = 0;
  let last = 0;
  while (!last) {
    while (bitCount < 3) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
    last = bitBuffer & 1;
    const type = (bitBuffer >>> 1) & 3;
    bitBuffer >>>= 3;
    bitCount -= 3;
    if (type === 0) {
      inAt -= bitCount >> 3; // whole bytes read ahead go back to the input
      bitBuffer = 0;
      bitCount = 0;
      const length = input[inAt] | (input[inAt + 1] << 8);
      inAt += 4;
      if (at + length > size || inAt + length > end) throw new Error('inflate: bad stored block');
      output.set(input.subarray(inAt, inAt + length), at);
      at += length;
      inAt += length;
      continue;
    }
    let literals = fixedLiterals;
    let distances = fixedDistances;
    if (type === 2) {
      while (bitCount < 14) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
      const literalCount = (bitBuffer & 31) + 257;
      const distanceCount = ((bitBuffer >>> 5) & 31) + 1;
      const codeLengthCount = ((bitBuffer >>> 10) & 15) + 4;
      bitBuffer >>>= 14;
      bitCount -= 14;
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < codeLengthCount; i++) {
        while (bitCount < 3) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
        codeLengths[codeLengthOrder[i]] = bitBuffer & 7;
        bitBuffer >>>= 3;
        bitCount -= 3;
      }
      const { table, bits } = huffman(codeLengths);
      const lengths = new Uint8Array(literalCount + distanceCount);
      for (let i = 0; i < lengths.length;) {
        while (bitCount < 14) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
        const entry = table[bitBuffer & ((1 << bits) - 1)];
        if (!(entry & 15)) throw new Error('inflate: bad code');
        bitBuffer >>>= entry & 15;
        bitCount -= entry & 15;
        const symbol = entry >> 4;
        if (symbol < 16) {
          lengths[i++] = symbol;
          continue;
        }
        // 16: repeat the previous length 3-6 times; 17: 3-10 zeros; 18: 11-138 zeros.
        const extra = symbol === 16 ? 2 : symbol === 17 ? 3 : 7;
        const repeat = (symbol === 18 ? 11 : 3) + (bitBuffer & ((1 << extra) - 1));
        bitBuffer >>>= extra;
        bitCount -= extra;
        if ((symbol === 16 && i === 0) || i + repeat > lengths.length) throw new Error('inflate: bad repeat');
        lengths.fill(symbol === 16 ? lengths[i - 1] : 0, i, i + repeat);
        i += repeat;
      }
      literals = huffman(lengths.subarray(0, literalCount));
      distances = huffman(lengths.subarray(literalCount));
    } else if (type !== 1) {
      throw new Error('inflate: bad block type');
    }
    const literalTable = literals.table;
    const literalMask = (1 << literals.bits) - 1;
    const distanceTable = distances.table;
    const distanceMask = (1 << distances.bits) - 1;
    for (;;) {
      // At most 15 bits of code and 5 extra bits (the buffer holds 32 bits, so refills stay small).
      while (bitCount < 20) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
      let entry = literalTable[bitBuffer & literalMask];
      let codeLength = entry & 15;
      if (!codeLength) throw new Error('inflate: bad code');
      bitBuffer >>>= codeLength;
      bitCount -= codeLength;
      const symbol = entry >> 4;
      if (symbol < 256) {
        if (at >= size) throw new Error('inflate: output too long');
        output[at++] = symbol;
        continue;
      }
      if (symbol === 256) break;
      const code = symbol - 257;
      if (code >= 29) throw new Error('inflate: bad length');
      let extra = lengthExtra[code];
      const length = lengthBase[code] + (bitBuffer & ((1 << extra) - 1));
      bitBuffer >>>= extra;
      bitCount -= extra;
      while (bitCount < 15) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
      entry = distanceTable[bitBuffer & distanceMask];
      codeLength = entry & 15;
      if (!codeLength || entry >> 4 >= 30) throw new Error('inflate: bad distance');
      bitBuffer >>>= codeLength;
      bitCount -= codeLength;
      extra = distanceExtra[entry >> 4];
      while (bitCount < extra) { bitBuffer |= (inAt < end ? input[inAt] : 0) << bitCount; inAt++; bitCount += 8; }
      const distance = distanceBase[entry >> 4] + (bitBuffer & ((1 << extra) - 1));
      bitBuffer >>>= extra;
      bitCount -= extra;
      if (distance > at || at + length > size) throw new Error('inflate: bad distance');
      if (distance >= length) {
        output.copyWithin(at, at - distance, at - distance + length);
        at += length;
      } else {
        for (let i = 0; i < length; i++, at++) output[at] = output[at - distance];
      }
    }
  }
  if (at !== size || inAt - (bitCount >> 3) > end) throw new Error('inflate: input and size disagree');
  return output;
}

/** The embedded wasm (scripts/build.js writes it as base64 of its raw DEFLATE), compiled. */
export function compileEmbedded(base64, size) {
  const text = atob(base64);
  const deflated = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) deflated[i] = text.charCodeAt(i);
  return new WebAssembly.Module(inflate(deflated, size));
}
