/**
 * Every driver registration of a Wine prefix, value by value, read by Wine's
 * own reg.exe and from system.ini's text, not by the panel: the registry's
 * Drivers32 keys (both views, with their subkeys) as `reg export` writes each
 * value (its type and bytes: "text", hex(2):…, dword:…, hex:…), and every
 * line of every system.ini section. Keys without values are left out.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const keys = [
  'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32',
  'HKEY_LOCAL_MACHINE\\Software\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32',
];

function exportKey(prefix: string, env: NodeJS.ProcessEnv, key: string): Map<string, string> {
  const file = join(prefix, 'drive_c', 'snapshot.reg');
  rmSync(file, { force: true });
  // reg.exe has been seen failing once under a loaded machine (CI); a second failure is reported with what it said.
  const run = (): Buffer => execFileSync('wine', ['reg', 'export', key, 'C:\\snapshot.reg', '/y'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    run();
  } catch {
    try {
      run();
    } catch (error) {
      throw new Error(`wine reg export ${key} failed twice: ${String((error as { stderr?: Buffer }).stderr ?? error)}`, { cause: error });
    }
  }
  const text = readFileSync(file).toString('utf16le').replace(/^\ufeff/, '').replace(/\\\r?\n\s*/g, '');
  const values = new Map<string, string>();
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[(.*)\]$/.exec(line);
    if (header) section = header[1] ?? '';
    const value = /^("(?:[^"\\]|\\.)*"|@)=(.*)$/.exec(line);
    if (value) values.set(`${section.toLowerCase()}|${value[1]?.toLowerCase() ?? ''}`, value[2] ?? '');
  }
  return values;
}

function systemIni(prefix: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = '';
  for (const line of readFileSync(join(prefix, 'drive_c', 'windows', 'system.ini'), 'utf8').split(/\r?\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) section = header[1]?.toLowerCase() ?? '';
    const eq = line.indexOf('=');
    if (!header && eq > 0) values.set(`system.ini|${section}|${line.slice(0, eq).trim().toLowerCase()}`, line.slice(eq + 1).trim());
  }
  return values;
}

/** name → value for every registration place, sorted, so that two snapshots compare with deepEqual. */
export function registrationSnapshot(prefix: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const all = [...keys.flatMap((key) => [...exportKey(prefix, env, key)]), ...systemIni(prefix)];
  return Object.fromEntries(all.sort(([a], [b]) => a.localeCompare(b)));
}
