/**
 * Every driver registration of a Wine prefix, value by value, read by the test
 * bench's own tool and file reads, not by the panel: each value of the
 * Drivers32 keys (both views, with their subkeys) with its exact name, type
 * and bytes, and each line of system.ini as it is on disk. Wine's reg.exe
 * will not do for this: it exports a REG_SZ as its text, cut at the first NUL.
 * The order of system.ini's lines is not compared: the panel writes the file
 * through Windows' profile API, so that IniFileMapping is honoured, and that
 * API puts a line that comes back at the end of its section.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { regBytesTool } from '../../scripts/prepare-wine';

const drivers32 = 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const views = { '64-bit': '64', '32-bit': '32' } as const;
type View = keyof typeof views;
const typeNames: Record<string, string> = { 1: 'REG_SZ', 2: 'REG_EXPAND_SZ', 3: 'REG_BINARY', 4: 'REG_DWORD', 7: 'REG_MULTI_SZ' };
const stringTypes = new Set(['1', '2', '7']);

/** Where a snapshot keeps a value: its view, the subkey under Drivers32 ('' for the key itself) and its name. */
export function valueKey(view: View, subkey: string, name: string): string {
  return `Drivers32 ${view}\\${subkey}|${name}`;
}

/** A string's bytes as UTF-16 text with every NUL shown (JSON), other bytes in hex: either way, every byte. */
function describeValue(type: string, hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  const name = typeNames[type] ?? `type ${type}`;
  return stringTypes.has(type) && bytes.length % 2 === 0 ? `${name}:${JSON.stringify(bytes.toString('utf16le'))}` : `${name}:${hex}`;
}

/** Runs the tool a second time before failing: Wine has been seen failing a start once on a loaded machine (CI). */
function runTool(env: NodeJS.ProcessEnv, args: string[]): void {
  const run = (): Buffer => execFileSync('wine', [regBytesTool, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    run();
  } catch {
    try {
      run();
    } catch (error) {
      throw new Error(`regbytes ${args.join(' ')} failed twice: ${String((error as { stderr?: Buffer }).stderr ?? error)}`, { cause: error });
    }
  }
}

function dumpView(prefix: string, env: NodeJS.ProcessEnv, view: View): Array<[string, string]> {
  const file = join(prefix, 'drive_c', 'snapshot.txt');
  rmSync(file, { force: true });
  runTool(env, ['dump', views[view], drivers32, 'C:\\snapshot.txt']);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      // The name may hold '|' itself: the type and the bytes are the last two fields, the subkey the first.
      const fields = line.split('|');
      const [hex = '', type = ''] = [fields.pop(), fields.pop()];
      const subkey = fields.shift() ?? '';
      return [valueKey(view, subkey, fields.join('|')), describeValue(type, hex)];
    });
}

/** Writes a value with exactly these bytes, as reg.exe cannot (a REG_SZ with bytes after its NUL). */
export function setRawValue(env: NodeJS.ProcessEnv, view: View, name: string, type: number, bytes: Buffer): void {
  runTool(env, ['set', views[view], drivers32, name, String(type), bytes.toString('hex')]);
}

/** Each line of each section, exactly as written (spaces and case), under its section and key. */
function iniLines(ini: string): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  let section = '';
  for (const line of ini.split(/\r?\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line);
    if (header) section = header[1]?.toLowerCase() ?? '';
    const eq = line.indexOf('=');
    if (!header && eq > 0) lines.push([`system.ini|${section}|${line.slice(0, eq).trim().toLowerCase()}`, line]);
  }
  return lines;
}

/** name → value for every registration place, sorted, so that two snapshots compare with deepEqual. */
export function registrationSnapshot(prefix: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const all = [...dumpView(prefix, env, '64-bit'), ...dumpView(prefix, env, '32-bit')];
  all.push(...iniLines(readFileSync(join(prefix, 'drive_c', 'windows', 'system.ini'), 'latin1')));
  return Object.fromEntries(all.sort(([a], [b]) => a.localeCompare(b)));
}
