// The Node side of the bridge fuzzer's environment: node:stream (Node 26's, the reference) as the
// differential's 'node' library, and V8's full GC for the collection checks (run.js itself also
// runs in a page: tests/fuzz/bridge/browser.js).
import v8 from 'node:v8';
import vm from 'node:vm';
import * as nodeStream from 'node:stream';
import { libs, setGc } from './run.js';

v8.setFlagsFromString('--expose-gc');
setGc(globalThis.gc ?? vm.runInNewContext('gc'));
libs.node = nodeStream;
