// Types of highwater for `import`: the same declarations as for `require` (index.d.cts, the one
// source), re-exported, so an ES module and a CommonJS one see the same classes.
export * from './index.cjs';
import type { Highwater, Stream } from './index.cjs';
/** The default export and `require('highwater')`: the legacy Stream with every export attached, as node:stream's. */
declare const highwater: typeof Stream & Highwater;
export default highwater;
