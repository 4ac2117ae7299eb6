// Types of highwater for `import`: the same declarations as for `require` (index.d.cts, the one
// source), re-exported, so an ES module and a CommonJS one see the same classes.
export * from './index.cjs';
import type { Highwater } from './index.cjs';
/** The default export: every named export in one object, as `import stream from 'node:stream'`. */
declare const highwater: Highwater;
export default highwater;
