/**
 * The packaged app, as electron-builder itself lays it out: an unpacked
 * Windows build (`--dir --win`) made in the test, with the project's own
 * electron-builder.yml. Electron's Windows binary cannot be downloaded here,
 * so electronDist holds a stand-in built with mingw-w64 (test/fixtures/
 * electronStandIn.c): a real PE with a version resource and Electron's fuse
 * wire, enough for electron-builder to embed the asar integrity and flip the
 * fuses. The packaged CLI then runs under Wine with the Windows Node, loading
 * koffi from the packaged layout, as drivers-cli.cmd runs it with Electron.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, Platform, build } from 'electron-builder';
import type { DriverListing } from '../../app/drivers';
import { koffiNativePath, unpackedPath, x86RuntimeFolder } from '../../main/win32/unpackedPaths';
import { root } from '../../scripts/prepare-wine';
import { registerFixtures } from './fixtureRegistry';
import { spawnWindowsNode, startBench, testPrefix, type Bench } from './wineBench';

const exeName = 'Multimedia Drivers Panel.exe';

/** A stand-in electron.exe (see the file comment) in a folder electron-builder can use as electronDist. */
function electronStandIn(dir: string): string {
  const dist = join(dir, 'electron-dist');
  mkdirSync(dist, { recursive: true });
  const res = join(dir, 'standin.res');
  execFileSync('x86_64-w64-mingw32-windres', [join(root, 'test/fixtures/electronStandIn.rc'), '-O', 'coff', '-o', res]);
  execFileSync('x86_64-w64-mingw32-gcc', ['-O2', '-s', '-o', join(dist, 'electron.exe'), join(root, 'test/fixtures/electronStandIn.c'), res]);
  return dist;
}

/** The machine field of a PE file's COFF header (0x14c: x86, 0x8664: x64). */
function peMachine(path: string): number {
  const bytes = readFileSync(path);
  return bytes.readUInt16LE(bytes.readUInt32LE(0x3c) + 4);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).replaceAll('\\', '/'));
}

describe('the packaged Windows app, built by electron-builder', () => {
  // Outside the repository, so that nothing can be found in the project's own node_modules.
  const work = mkdtempSync(join(tmpdir(), 'packaged-'));
  const appDir = join(work, 'out', 'win-unpacked');
  const resources = join(appDir, 'resources');
  let inAsar: string[] = [];
  let unpacked: string[] = [];
  let bench: Bench | undefined;

  before(async () => {
    assert.ok(existsSync(join(root, 'dist/main/cli.js')), 'run the build first (npm test does)');
    await build({
      projectDir: root,
      targets: Platform.WINDOWS.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        electronDist: electronStandIn(work),
        directories: { output: join(work, 'out') },
        // Editing the executable's resources would download rcedit and a signing tool.
        win: { signAndEditExecutable: false },
      },
    });
    inAsar = listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.replaceAll('\\', '/').replace(/^\//, ''));
    unpacked = filesUnder(join(resources, 'app.asar.unpacked'));
  });
  after(() => {
    bench?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("unpacks koffi's win32-x64 native module from the asar, where the processes load it", () => {
    assert.equal(koffiNativePath(join(resources, 'app.asar', 'dist', 'main'), 'x64'), join(resources, 'app.asar.unpacked', 'node_modules', '@koromix', 'koffi-win32-x64', 'win32_x64', 'koffi.node'));
    assert.ok(unpacked.includes('node_modules/@koromix/koffi-win32-x64/win32_x64/koffi.node'), 'the win32 x64 module');
  });

  it('ships no native binary for another system, and for the 32-bit host only its own runtime', () => {
    // The archive lists its unpacked files too.
    const binaries = [...new Set([...inAsar, ...unpacked])].filter((p) => /\.(node|so|dylib|dll|exe)$/.test(p) || /koffi-(?!win32-x64)/.test(p)).sort();
    assert.deepEqual(binaries, ['node_modules/@koromix/koffi-win32-x64/win32_x64/koffi.node', 'runtime/win32-ia32/koffi.node', 'runtime/win32-ia32/node.exe']);
  });

  it("unpacks the 32-bit host's runtime, built for x86, where the packaged app looks for it", () => {
    const inArchive = join(resources, 'app.asar', 'dist', 'main');
    const folder = x86RuntimeFolder(inArchive);
    assert.equal(folder, join(resources, 'app.asar.unpacked', 'runtime', 'win32-ia32'));
    assert.equal(koffiNativePath(inArchive, 'ia32'), join(folder, 'koffi.node'));
    for (const file of ['node.exe', 'koffi.node']) assert.equal(peMachine(join(folder, file)), 0x14c, `${file} is an x86 (32-bit) program`);
  });

  it('puts the driver host and the catalog worker where the packaged app looks for them', () => {
    const inArchive = join(resources, 'app.asar', 'dist', 'main');
    for (const script of ['driverHost.js', 'catalogWorker.js', 'cli.js']) {
      assert.ok(existsSync(unpackedPath(join(inArchive, script))), script);
    }
    assert.ok(inAsar.includes('dist/renderer/index.html') && inAsar.includes('dist/main/index.js'));
    const scripts = inAsar.filter((p) => /^dist\/main\/[^/]+\.js$/.test(p)).sort();
    assert.deepEqual(scripts, ['dist/main/catalogWorker.js', 'dist/main/cli.js', 'dist/main/driverHost.js', 'dist/main/index.js'], "only the app's own processes: nothing of the bench (its bridge, its service runner)");
    assert.ok(!inAsar.some((p) => p.startsWith('dist/bench/')), "nothing of the test bench's browser side");
  });

  it('puts drivers-cli.cmd next to the executable, naming a script that is there', () => {
    const cmd = readFileSync(join(appDir, 'drivers-cli.cmd'), 'utf8');
    const script = /"%~dp0([^"]+\.js)"/.exec(cmd)?.[1];
    assert.ok(script, 'drivers-cli.cmd names the CLI script');
    assert.ok(existsSync(join(appDir, ...script.split('\\'))), script);
    assert.ok(cmd.includes(`"%~dp0${exeName}"`) && existsSync(join(appDir, exeName)));
  });

  it('flips the fuses: Node mode for the CLI, nothing else that lets another process steer the app', async () => {
    const wire = await getCurrentFuseWire(join(appDir, exeName));
    const fuseOptions = Object.values(FuseV1Options).filter((o): o is FuseV1Options => typeof o === 'number');
    // A fuse is the character '1' (on) or '0' (off) in the wire.
    const fuse = (option: FuseV1Options): string => ({ 49: 'on', 48: 'off' })[Number(wire[option])] ?? 'other';
    assert.deepEqual(
      Object.fromEntries(fuseOptions.map((o) => [FuseV1Options[o], fuse(o)])),
      {
        RunAsNode: 'on',
        EnableCookieEncryption: 'on',
        EnableNodeOptionsEnvironmentVariable: 'off',
        EnableNodeCliInspectArguments: 'off',
        EnableEmbeddedAsarIntegrityValidation: 'on',
        OnlyLoadAppFromAsar: 'on',
        LoadBrowserProcessSpecificV8Snapshot: 'off',
        GrantFileProtocolExtraPrivileges: 'off',
      },
    );
  });

  it('runs the packaged CLI under Wine, its driver hosts (64-bit and 32-bit) and catalog worker loading koffi from the packaged layout', { timeout: 120_000 }, async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
    const workDir = mkdtempSync(join(work, 'cli-'));
    const cli = join(resources, 'app.asar.unpacked', 'dist', 'main', 'cli.js');
    const child = spawnWindowsNode({ args: [cli, 'list', '--refresh', '--json'], env: bench.env, workDir });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const stderr = readFileSync(join(workDir, 'stderr.txt'), 'utf8');
    assert.equal(code, 0, stderr);
    const listing = JSON.parse(readFileSync(join(workDir, 'stdout.txt'), 'utf8')) as DriverListing;
    const imaadpcm = listing.drivers.find((d) => d.alias === 'msacm.imaadpcm');
    assert.ok(imaadpcm, 'Wine drivers listed');
    assert.ok(imaadpcm.details?.path?.toLowerCase().endsWith('imaadp32.acm'), 'file details read by the catalog worker');
    assert.equal(imaadpcm.probe?.configurable, true, 'probed by the driver host');
    const wow = listing.drivers.find((d) => d.alias === 'fx.wow' && d.view === '32-bit');
    assert.equal(wow?.probe?.configurable, true, `a 32-bit driver probed by the packaged 32-bit host: ${JSON.stringify(wow)}`);
    assert.equal(wow.probe.loadedPath?.toLowerCase(), 'c:\\windows\\syswow64\\fixture.dll');
  });
});
