/** Option checks shared by every stream kind. */
import { core } from '../platform/core.js';
import { normalizeEncoding } from '../platform/bytes.js';
import { ERR_INVALID_ARG_VALUE, ERR_UNKNOWN_ENCODING } from '../platform/errors.js';

/** The encoding's canonical name, or ERR_UNKNOWN_ENCODING. */
export function canonicalEncoding(encoding) {
  const canonical = normalizeEncoding(encoding);
  if (canonical === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return canonical;
}

/**
 * The `highWaterMark` a side gets from `options` (Node's getHighWaterMark): `highWaterMark`,
 * else for a duplex its per-side `key`; NaN for the default. Throws ERR_INVALID_ARG_VALUE.
 */
export function highWaterMarkFrom(options, key, isDuplex) {
  const value = options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[key] : null;
  if (value == null) return NaN;
  if (typeof value !== 'number' || !core.hw_valid_hwm(value)) {
    throw new ERR_INVALID_ARG_VALUE(isDuplex ? `options.${key}` : 'options.highWaterMark', value);
  }
  return value;
}
