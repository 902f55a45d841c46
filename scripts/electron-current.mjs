// Whether the pinned Electron is the newest patch release of its major version:
// security fixes land in patch releases. It asks the npm registry, whose answer
// changes while the code does not, so it gates no test: `npm run dist` requires
// it (--require: an installer is never built on an outdated patch release), and
// CI prints its answer as a warning line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const required = process.argv.includes('--require');
const root = join(import.meta.dirname, '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
const major = pinned.split('.')[0];

/** Numeric collation orders dotted versions by each number (45.10.0 after 45.9.0). */
function newestOf(versions) {
  return versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
}

function finish(ok, message) {
  const line = `${ok ? '' : required ? 'error: ' : 'warning: '}${message}`;
  (ok ? process.stdout : process.stderr).write(`${line}\n`);
  process.exit(ok || !required ? 0 : 1);
}

let listed;
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  listed = JSON.parse(execFileSync(npm, ['view', `electron@${major}`, 'version', '--json'], { encoding: 'utf8', shell: process.platform === 'win32', timeout: 60_000 }));
} catch (error) {
  finish(false, `the npm registry could not be asked for the newest Electron ${major}.x (${error.message.split('\n')[0]}).`);
}
const newest = newestOf(Array.isArray(listed) ? listed : [listed]);
if (newest === pinned) finish(true, `Electron ${pinned} is the newest release of ${major}.x.`);
finish(false, `Electron ${pinned} is pinned, but ${newest} is out: update it (npm install --save-dev --save-exact electron@${newest}).`);
