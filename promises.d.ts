// Types of `highwater/promises` for `import`: the declarations of promises.d.cts, re-exported.
export * from './promises.cjs';
