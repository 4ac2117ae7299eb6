// Differential tests for js/platform/errors.js and js/platform/inspect.js: every error is
// compared (name, code, message, toString, own keys, base class, first stack line) with the one Node itself makes,
// either through Node's public API or, for the argument combinations the public API
// cannot reach, through Node's internal error classes in a child process started with
// --expose-internals. Runs under the Node that runs the tests; a few messages changed
// after Node 20 and are checked only from Node 26 on (we follow Node 26).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import util from 'node:util';
import * as ours from '../js/platform/errors.js';
import { inspect } from '../js/platform/inspect.js';

const require = createRequire(import.meta.url);
const stream = require('node:stream');
const { StringDecoder } = require('node:string_decoder');
const { EventEmitter } = require('node:events');
const nodeMajor = Number(process.versions.node.split('.')[0]);
const evaluate = (expression) => (0, eval)(`(${expression})`);

// What we compare of two errors.
function describe(err) {
  return {
    name: err.name,
    code: err.code,
    message: err.message,
    text: String(err),
    keys: Object.keys(err),
    base: err instanceof RangeError ? 'RangeError' : err instanceof TypeError ? 'TypeError' : 'Error',
    stackHead: String(err.stack).split('\n')[0],
  };
}

// Runs `cases` ({ code, variant?, args: [expression] }) through Node's internal error
// classes in a child process and returns what describe() gives for each.
function nodeInternalErrors(cases) {
  const script = `
    const { codes } = require('internal/errors');
    const evaluate = (expression) => (0, eval)('(' + expression + ')');
    ${describe.toString()}
    const out = JSON.parse(process.argv[1]).map(({ code, variant, args }) => {
      const NodeError = variant ? codes[code][variant] : codes[code];
      return describe(new NodeError(...args.map(evaluate)));
    });
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--expose-internals', '-e', script, JSON.stringify(cases)]);
  return JSON.parse(stdout);
}

function compareWithInternals(cases) {
  const expected = nodeInternalErrors(cases);
  cases.forEach(({ code, variant, args }, i) => {
    const OurError = variant ? ours[code][variant] : ours[code];
    const actual = describe(new OurError(...args.map(evaluate)));
    assert.deepEqual(actual, expected[i], `${code}${variant ? `.${variant}` : ''}(${args.join(', ')})`);
  });
}

// The error `fn` throws.
function caught(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

// Values to show in "Received ..." tails; the second list only matches Node 26.
const receivedValues = [
  '1', '-0', '0', 'NaN', 'Infinity', '-Infinity', '1.5', '2 ** 53', '1e300', '10n', 'true', 'false',
  "Symbol('s')", 'Symbol()', 'null', 'undefined', '{}', '[]', '[1, 2]', 'new Map()', 'new Set([1])',
  'new Uint8Array(2)', 'new Date(0)', '/re/g', 'Object.assign(new Error("x"), { stack: "" })',
  'Object.create(null)', '({ __proto__: null, a: 1 })', 'new (class Foo {})()',
  'function foo() {}', 'class Bar {}', 'async function baz() {}',
  "'abc'", "''", "'it\\'s'", "'a\"b'",
];
const receivedValuesNode26 = [
  "'a'.repeat(28)", "'a'.repeat(29)", "'it\\'s '.repeat(10)", "'\\n\\t'", '() => {}', 'function () {}',
  '({ constructor: { name: 5 } })', '({ constructor: null })',
];

test('ERR_INVALID_ARG_TYPE from Writable.write matches Node', () => {
  for (const expression of ['1', 'true', '{}', '[]', '10n', "Symbol('s')", 'function foo() {}', 'new Map()']) {
    const value = evaluate(expression);
    const node = caught(() => new stream.Writable().write(value));
    const mine = new ours.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], value);
    assert.deepEqual(describe(mine), describe(node), expression);
  }
  const node = caught(() => new stream.Writable().write(1));
  assert.equal(node.message, 'The "chunk" argument must be of type string or an instance of Buffer, ' +
    'TypedArray, or DataView. Received type number (1)');
  assert.equal(describe(new ours.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], 1))
    .stackHead, `TypeError [ERR_INVALID_ARG_TYPE]: ${node.message}`);
});

test('ERR_INVALID_ARG_TYPE from Buffer.from and Buffer.alloc matches Node', () => {
  for (const expression of ['1', 'true', 'null', 'undefined', "Symbol('s')", '10n', 'function foo() {}']) {
    const value = evaluate(expression);
    const node = caught(() => Buffer.from(value));
    const expected = ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'];
    assert.deepEqual(describe(new ours.ERR_INVALID_ARG_TYPE('first argument', expected, value)), describe(node));
  }
  for (const expression of ["'abc'", "'it\\'s'", 'null', '{}', '[]']) {
    const value = evaluate(expression);
    const node = caught(() => Buffer.alloc(value));
    assert.deepEqual(describe(new ours.ERR_INVALID_ARG_TYPE('size', 'number', value)), describe(node), expression);
  }
});

test('ERR_INVALID_ARG_TYPE for every kind of value and expected list matches Node internals', () => {
  const expectedLists = [
    "'string'", "['string', 'Buffer']", "['Object']", "['object', 'Function']", "['object', 'Buffer']",
    "['string', 'number', 'boolean']", "['A', 'B', 'C', 'D']", "['a dictionary']", "['x', 'y', 'z']",
    "['Array-like Object']", "['function', 'AbortSignal', 'an iterable']",
  ];
  const names = ["'chunk'", "'options.signal'", "'first argument'"];
  const values = nodeMajor >= 26 ? [...receivedValues, ...receivedValuesNode26] : receivedValues;
  const cases = [];
  for (const value of values) cases.push({ code: 'ERR_INVALID_ARG_TYPE', args: ["'chunk'", "['string', 'Buffer']", value] });
  for (const expected of expectedLists) {
    for (const name of names) cases.push({ code: 'ERR_INVALID_ARG_TYPE', args: [name, expected, '1'] });
  }
  compareWithInternals(cases);
});

test('ERR_INVALID_ARG_VALUE and ERR_OUT_OF_RANGE match Node', () => {
  const hwm = caught(() => new stream.Readable({ highWaterMark: -1 }));
  assert.deepEqual(describe(new ours.ERR_INVALID_ARG_VALUE('options.highWaterMark', -1)), describe(hwm));
  const read = caught(() => new stream.Readable({ read() {} }).read(2 ** 33));
  assert.deepEqual(describe(new ours.ERR_OUT_OF_RANGE('size', '<= 1GiB', 2 ** 33)), describe(read));
  assert.equal(read.message, 'The value of "size" is out of range. It must be <= 1GiB. Received 8_589_934_592');
  const size = caught(() => Buffer.alloc(-1));
  assert.deepEqual(describe(new ours.ERR_OUT_OF_RANGE('size', `>= 0 && <= ${size.message.match(/<= (\d+)/)[1]}`, -1)),
    describe(size));

  const values = [...receivedValues, "'x'.repeat(200)", '{ a: { b: { c: { d: 1 } } } }'];
  const cases = [];
  for (const value of values) {
    cases.push({ code: 'ERR_INVALID_ARG_VALUE', args: ["'options.highWaterMark'", value] });
    cases.push({ code: 'ERR_INVALID_ARG_VALUE', variant: 'RangeError', args: ["'size'", value, "'must be positive'"] });
  }
  for (const value of [...values, '2 ** 32', '2 ** 32 + 1', '-(2 ** 40)', '123456789012', '2n ** 32n', '2n ** 32n + 1n',
    '-(2n ** 40n)', '12345n', '4294967296.5']) {
    cases.push({ code: 'ERR_OUT_OF_RANGE', args: ["'size'", "'>= 0'", value] });
  }
  compareWithInternals(cases);
});

test('stream errors raised by node:stream match ours', async () => {
  const events = [];
  const errorOf = (emitter) => new Promise((resolve) => emitter.once('error', resolve));

  const pushed = new stream.Readable({ read() {} });
  pushed.push(null);
  pushed.push('x');
  events.push([await errorOf(pushed), new ours.ERR_STREAM_PUSH_AFTER_EOF()]);

  const unshifted = new stream.Readable({ read() {}, autoDestroy: false });
  unshifted.push(null);
  unshifted.resume();
  await new Promise((resolve) => unshifted.on('end', resolve));
  const unshiftError = errorOf(unshifted);
  unshifted.unshift('x');
  events.push([await unshiftError, new ours.ERR_STREAM_UNSHIFT_AFTER_END_EVENT()]);

  const unimplemented = new stream.Readable();
  unimplemented.read();
  events.push([await errorOf(unimplemented), new ours.ERR_METHOD_NOT_IMPLEMENTED('_read()')]);

  const closed = new stream.Readable({ read() {} });
  const premature = new Promise((resolve) => stream.finished(closed, resolve));
  closed.destroy();
  events.push([await premature, new ours.ERR_STREAM_PREMATURE_CLOSE()]);

  const destroyed = new stream.Writable({ write(chunk, encoding, callback) { callback(); } });
  destroyed.destroy();
  events.push([await new Promise((resolve) => destroyed.write('x', resolve)), new ours.ERR_STREAM_DESTROYED('write')]);

  const twice = new stream.Writable({ write(chunk, encoding, callback) { callback(); callback(); } });
  twice.write('x');
  events.push([await errorOf(twice), new ours.ERR_MULTIPLE_CALLBACK()]);

  const ended = new stream.Writable({ write(chunk, encoding, callback) { callback(); } });
  ended.end();
  ended.write('x');
  events.push([await errorOf(ended), new ours.ERR_STREAM_WRITE_AFTER_END()]);

  const finished = new stream.Writable({ write(chunk, encoding, callback) { callback(); } });
  finished.end();
  await new Promise((resolve) => finished.on('finish', resolve));
  events.push([await new Promise((resolve) => finished.end(resolve)), new ours.ERR_STREAM_ALREADY_FINISHED('end')]);

  const notReadable = new stream.Writable();
  notReadable.pipe();
  events.push([await errorOf(notReadable), new ours.ERR_STREAM_CANNOT_PIPE()]);

  events.push([caught(() => new stream.Writable().write(null)), new ours.ERR_STREAM_NULL_VALUES()]);
  events.push([caught(() => new stream.Readable().setEncoding('nope')), new ours.ERR_UNKNOWN_ENCODING('nope')]);
  events.push([caught(() => stream.pipeline(() => {})), new ours.ERR_MISSING_ARGS('streams')]);
  events.push([caught(() => new EventEmitter().emit('error', 'boom')), Object.assign(new ours.ERR_UNHANDLED_ERROR("'boom'"), { context: 'boom' })]);
  for (const [node, mine] of events) assert.deepEqual(describe(mine), describe(node), node.code);
});

test('ERR_UNKNOWN_ENCODING shows any value as util.format does', () => {
  for (const expression of ['5', '-0', '5n', "Symbol('x')", '{}', '[1, 2]', '{ a: 1 }', '{ toString() { return "t"; } }']) {
    const value = evaluate(expression);
    const node = caught(() => new StringDecoder(value));
    assert.deepEqual(describe(new ours.ERR_UNKNOWN_ENCODING(value)), describe(node), expression);
  }
});

test('messages with fixed text and formatted arguments match Node internals', () => {
  const fixed = ['ERR_STREAM_PUSH_AFTER_EOF', 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'ERR_STREAM_PREMATURE_CLOSE',
    'ERR_MULTIPLE_CALLBACK', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_STREAM_NULL_VALUES', 'ERR_STREAM_CANNOT_PIPE',
    'ERR_UNHANDLED_ERROR'];
  if (nodeMajor >= 26) fixed.push('ERR_STREAM_UNABLE_TO_PIPE');
  const cases = fixed.map((code) => ({ code, args: [] }));
  cases.push(
    { code: 'ERR_METHOD_NOT_IMPLEMENTED', args: ["'_write()'"] },
    { code: 'ERR_STREAM_DESTROYED', args: ["'pipe'"] },
    { code: 'ERR_STREAM_ALREADY_FINISHED', args: ["'write'"] },
    { code: 'ERR_UNKNOWN_ENCODING', args: ["'latin2'"] },
    { code: 'ERR_INVALID_STATE', args: ["'Controller is already closed'"] },
    { code: 'ERR_UNHANDLED_ERROR', args: ["'{ a: 1 }'"] },
    { code: 'ERR_INVALID_RETURN_VALUE', args: ["'an object'", "'transform'", '1'] },
    { code: 'ERR_INVALID_RETURN_VALUE', args: ["'a promise'", "'fn'", 'null'] },
    { code: 'ERR_INVALID_RETURN_VALUE', args: ["'an object'", "'fn'", 'new Map()'] },
    { code: 'ERR_MISSING_ARGS', args: ["'a'"] },
    { code: 'ERR_MISSING_ARGS', args: ["'a'", "'b'"] },
    { code: 'ERR_MISSING_ARGS', args: ["'a'", "['b', 'c']", "'d'"] },
  );
  if (nodeMajor >= 26) {
    cases.push(
      { code: 'ERR_INVALID_STATE', variant: 'TypeError', args: ["'Reader released'"] },
      { code: 'ERR_INVALID_STATE', variant: 'RangeError', args: ["'x'"] },
      { code: 'ERR_INVALID_RETURN_VALUE', variant: 'RangeError', args: ["'a number'", "'size'", "'x'"] },
    );
  }
  compareWithInternals(cases);
});

test('AbortError matches the one Node rejects with', async () => {
  const { setTimeout: sleep } = await import('node:timers/promises');
  const reason = new Error('why');
  const controller = new AbortController();
  controller.abort(reason);
  const node = await sleep(1, null, { signal: controller.signal }).catch((err) => err);
  const mine = new ours.AbortError(undefined, { cause: reason });
  assert.deepEqual(describe(mine), describe(node));
  assert.equal(mine.cause, node.cause);
  assert.equal(new ours.AbortError('custom').message, 'custom');
  assert.equal('cause' in new ours.AbortError(), false);
  const bad = caught(() => new ours.AbortError('m', 1));
  assert.equal(bad.message, 'The "options" argument must be of type object. Received type number (1)');
});

test('aggregateTwoErrors combines like Node', () => {
  const outer = Object.assign(new Error('outer'), { code: 'OUTER' });
  const inner = new Error('inner');
  const both = ours.aggregateTwoErrors(inner, outer);
  assert.ok(both instanceof AggregateError);
  assert.deepEqual([both.message, both.code, both.errors], ['outer', 'OUTER', [outer, inner]]);
  const third = new Error('third');
  assert.equal(ours.aggregateTwoErrors(third, both), both);
  assert.deepEqual(both.errors, [outer, inner, third]);
  assert.equal(ours.aggregateTwoErrors(inner, inner), inner);
  assert.equal(ours.aggregateTwoErrors(null, outer), outer);
  assert.equal(ours.aggregateTwoErrors(inner, undefined), inner);
});

test('validators throw what Node internal validators throw', () => {
  const values = ['1', '1.5', '-1', 'NaN', '2 ** 60', "'1'", 'null', 'undefined', '{}', '[]', '() => {}',
    '({ aborted: false })', 'Symbol()'];
  const calls = [];
  for (const value of values) {
    calls.push(
      ['validateFunction', `${value}, 'callback'`],
      ['validateObject', `${value}, 'options'`, '0', '{}'],
      ['validateObject', `${value}, 'options'`, '1', '{ nullable: true }'],
      ['validateObject', `${value}, 'options'`, '6', '{ allowArray: true, allowFunction: true }'],
      ['validateAbortSignal', `${value}, 'options.signal'`],
      ['validateInteger', `${value}, 'n'`],
      ['validateInteger', `${value}, 'n', 0, 10`],
      ['validateNumber', `${value}, 'n'`],
      ['validateNumber', `${value}, 'n', 0`],
      ['validateNumber', `${value}, 'n', undefined, 1`],
      ['validateNumber', `${value}, 'n', 0, 1`],
    );
  }
  const script = `
    const validators = require('internal/validators');
    ${describe.toString()}
    const out = JSON.parse(process.argv[1]).map(([fn, args, flags]) => {
      try {
        validators[fn](...(0, eval)('[' + args + (flags ? ', ' + flags : '') + ']'));
        return null;
      } catch (err) { return describe(err); }
    });
    process.stdout.write(JSON.stringify(out));`;
  const expected = JSON.parse(execFileSync(process.execPath, ['--expose-internals', '-e', script, JSON.stringify(calls)]));
  let thrown = 0;
  calls.forEach(([fn, args, , options], i) => {
    let actual = null;
    try {
      ours[fn](...evaluate(`[${args}${options ? `, ${options}` : ''}]`));
    } catch (err) {
      actual = describe(err);
      thrown++;
    }
    assert.deepEqual(actual, expected[i], `${fn}(${args})`);
  });
  assert.ok(thrown > 50, 'the validators reject most of these values');
});

test('inspect formats values as util.inspect does', () => {
  const circular = { name: 'loop' };
  circular.self = circular;
  const values = [
    ...receivedValues.map(evaluate),
    'a'.repeat(100), 'line one\nline two is long enough to be cut at the newline\nand three, to be sure of it',
    'x'.repeat(10_050), 'it\'s "quoted"', 'it\'s "quoted" `too`', '\u0000\u001f\u007f\u0085\ud800', '\b\t\v\f\r\\ \u001b\udc00x',
    // eslint-disable-next-line no-sparse-arrays -- the holes are what inspect must show
    -0, 2n ** 70n, Symbol('desc'), [1, 'two', [3, [4, [5]]]], [, 1, , , 2, ,], new Array(101).fill('x'.repeat(30)),
    { a: 1, 'b-c': 2, __proto__x: 4, 'x.y': 5 }, { a: { b: { c: { d: { e: 1 } } } } },
    { long: 'x'.repeat(60), other: 'y'.repeat(30) }, { fn() {}, arrow: () => {}, klass: class K extends Map {} },
    Object.assign(Object.create(null), { x: 1 }), new Map([['k', { v: [1, 2] }], [1, 2]]), new Set(['a', 'b']),
    new Map(), new Set(), new Float64Array([1.5, -0]), new BigInt64Array(2), new Uint8Array(0),
    Object.assign(new Date(0), { extra: 1 }), new Date(NaN), Object.assign(/x/, { flag: true }),
    new (class Point { constructor() { this.x = 1; this.y = 2; } })(), circular,
    { get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} },
    new (class Tagged { get [Symbol.toStringTag]() { return 'Tag'; } })(),
    Buffer.from('hi'), function* gen() {}, async function* agen() {}, Object.assign(function withProps() {}, { p: 1 }),
    [[[[1]]]], { nested: [{ deep: { deeper: { deepest: 1 } } }] },
    Object.assign(new Error('with props'), { code: 'E_X' }), new Error('with cause', { cause: 1 }),
    { nested: new TypeError('inner') }, Object.assign(new RangeError('no stack'), { stack: '' }),
  ];
  // Node 20 put symbol keys in brackets; Node 26 does so only for non-enumerable ones.
  if (nodeMajor >= 26) values.push({ [Symbol('k')]: 3 }, { [Symbol.toStringTag]: 'Tagged' });
  const mismatches = values.filter((value) => inspect(value) !== util.inspect(value))
    .map((value) => [inspect(value), util.inspect(value)]);
  assert.deepEqual(mismatches, []);
  for (const depth of [-1, 0, 1, null]) {
    for (const value of [{ a: { b: { c: {} } } }, { e: [1], a: { b: { c: { d: 1 } } } }, [[[]]], { x: 1 }, Object.create(null), [1]]) {
      assert.equal(inspect(value, { depth }), util.inspect(value, { depth }), `depth ${depth}`);
    }
  }
});

test('determineSpecificType and helpers match Node internals', () => {
  const values = nodeMajor >= 26 ? [...receivedValues, ...receivedValuesNode26] : receivedValues;
  const script = `
    const { determineSpecificType, formatList } = require('internal/errors');
    const exprs = JSON.parse(process.argv[1]);
    process.stdout.write(JSON.stringify({
      types: exprs.map((e) => determineSpecificType((0, eval)('(' + e + ')'))),
      lists: [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']].map((l) => [formatList(l), formatList(l, 'or')]),
    }));`;
  const expected = JSON.parse(execFileSync(process.execPath, ['--expose-internals', '-e', script, JSON.stringify(values)]));
  if (nodeMajor >= 26) {
    assert.deepEqual(values.map((e) => ours.determineSpecificType(evaluate(e))), expected.types);
  }
  assert.deepEqual([[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]
    .map((l) => [ours.formatList(l), ours.formatList(l, 'or')]), expected.lists);
  assert.equal(ours.addNumericalSeparator('-1234567'), '-1_234_567');
  assert.equal(ours.addNumericalSeparator('123'), '123');
});
