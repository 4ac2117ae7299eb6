/** Middle value of a list of numbers (mean of the two middle ones for an even count). */
export function median (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs `fn` (may be async) after a garbage collection when `--expose-gc` is on; resolves to elapsed seconds. */
export async function timeIt (fn) {
  globalThis.gc?.()
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Formats rows (arrays of cells) as a plain-text table under `header`; numeric-looking cells align right. */
export function formatTable (header, rows) {
  const all = [header, ...rows].map(row => row.map(String))
  const widths = header.map((_, col) => Math.max(...all.map(row => row[col].length)))
  const line = row => row.map((cell, col) =>
    /^[\d.,x]+$/.test(cell) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])).join('  ')
  return [line(all[0]), widths.map(w => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}
