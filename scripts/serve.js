/**
 * A static file server for a built page, on 127.0.0.1 only (.wasm served as application/wasm).
 * As a command: `node scripts/serve.js [folder] [port]` serves www/dist and prints the URL.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript',
  '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png'
}

/** Serve `folder` on 127.0.0.1:`port` (0: any free port); `onMissing(url)` hears of every 404. */
export async function serve (folder, port = 0, onMissing = () => {}) {
  const server = http.createServer((req, res) => {
    const file = path.join(folder, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)))
    const name = file.endsWith(path.sep) ? path.join(file, 'index.html') : file
    if (!name.startsWith(folder) || !fs.existsSync(name) || !fs.statSync(name).isFile()) {
      onMissing(req.url)
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream' })
    fs.createReadStream(name).pipe(res)
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${server.address().port}/` }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const folder = path.resolve(process.argv[2] ?? path.join(root, 'www/dist'))
  const { url } = await serve(folder, Number(process.argv[3] ?? 8080))
  console.log(`highwater playground: ${url}  (scenario checks: ${url}tests.html; Ctrl-C to stop)`)
}
