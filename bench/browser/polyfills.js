// What esbuild injects into the readable-stream bundle for the free names `process` and `Buffer`.
import process from 'process'
import { Buffer } from 'buffer'

export { process, Buffer }
