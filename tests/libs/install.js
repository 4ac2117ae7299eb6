/**
 * Installs the pinned libraries (tests/libs/pinned/package.json and package-lock.json) into .cache/libs,
 * once: when .cache/libs/node_modules already matches the lock, nothing runs (a few milliseconds).
 * `node tests/libs/install.js` installs by hand; the runner and tests/libs.test.js call ensureLibs().
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const libsDir = path.join(root, '.cache/libs')
const here = path.join(root, 'tests/libs/pinned')

function readJson (file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) } catch { return null }
}

/** True when every package of the lock is installed at the locked version. */
function installedMatchesLock () {
  const want = readJson(path.join(here, 'package-lock.json'))?.packages
  const have = readJson(path.join(libsDir, 'node_modules/.package-lock.json'))?.packages
  if (!want || !have) return false
  for (const [p, info] of Object.entries(want)) {
    if (p === '' || info.optional) continue
    if (have[p]?.version !== info.version) return false
    if (readJson(path.join(libsDir, p, 'package.json'))?.version !== info.version) return false
  }
  return true
}

export function ensureLibs ({ quiet = false } = {}) {
  const sameManifest = ['package.json', 'package-lock.json'].every((f) =>
    fs.existsSync(path.join(libsDir, f)) &&
    fs.readFileSync(path.join(libsDir, f), 'utf8') === fs.readFileSync(path.join(here, f), 'utf8'))
  if (sameManifest && installedMatchesLock()) return false
  fs.mkdirSync(libsDir, { recursive: true })
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(here, f), path.join(libsDir, f))
  if (!quiet) console.error('libs: installing the pinned libraries into .cache/libs (npm ci)')
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: libsDir, stdio: ['ignore', 2, 2] })
  if (!installedMatchesLock()) throw new Error('libs: .cache/libs does not match tests/libs/pinned/package-lock.json after npm ci')
  return true
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureLibs() ? 'libs: installed' : 'libs: already installed')
}
