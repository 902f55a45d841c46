/**
 * The Wine test bench: one Windows Node process per suite, running the real
 * bridge host (driver service + contract handlers) against Wine's winmm, with
 * an Xvfb display so that windows (the dialog owner) can be created.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { BridgeReady } from '../../bench/bridge/bridgeProtocol';
import { prepare, root, wineEnv, windowsNode } from '../../scripts/prepare-wine';
import { BridgeClient } from './bridgeClient';

/** The bench's own prefix, apart from the one a person uses with cli:wine and dev:wine. */
export const testPrefix = join(root, '.cache', 'wine-test');
export const driveC = join(testPrefix, 'drive_c');

/** A Linux path as the Windows process sees it (Wine maps / to Z:). */
export function windowsPath(linuxPath: string): string {
  return `Z:${linuxPath.replaceAll('/', '\\')}`;
}

/** Starts Xvfb on a display number it chooses itself (-displayfd). */
export async function startXvfb(): Promise<{ display: string; stop(): void }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const fd = xvfb.stdio[3];
  if (!fd) throw new Error('Xvfb: no display pipe');
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before choosing a display`)));
  });
  return { display: `:${number}`, stop: () => xvfb.kill() };
}

export interface WineProcessOptions {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Directory for the process's stdout/stderr files: a Windows process must not write to a Linux pipe. */
  workDir: string;
}

export function spawnWindowsNode({ args, env, workDir }: WineProcessOptions): ChildProcess {
  const out = openSync(join(workDir, 'stdout.txt'), 'w');
  const err = openSync(join(workDir, 'stderr.txt'), 'w');
  const child = spawn('wine', [windowsNode, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  return child;
}

export interface BridgeHost {
  client: BridgeClient;
  ready: BridgeReady;
  workDir: string;
  /** Where a test answers the native dialogs the bridge host stands in for (bench/bridge/benchDialogs.ts). */
  dialogsDir: string;
  /** Settles with the exit code when the bridge host's process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the real bridge host under Wine and connects to it. Unless `extraEnv`
 * says otherwise, its state (quarantine, restarts, probe results) starts empty
 * in a folder of its own.
 */
export async function startBridgeHost(bench: Bench, extraEnv: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<BridgeHost> {
  const workDir = mkdtempSync(join(bench.prefix, 'drive_c', 'bench-'));
  const readyFile = join(workDir, 'ready.json');
  const dialogsDir = join(workDir, 'dialogs');
  mkdirSync(dialogsDir);
  const child = spawnWindowsNode({
    // A host that asks its client (dev:wine) has no folder of answers.
    args: ['dist/main/bridgeHost.js', '--ready-file', windowsPath(readyFile), ...(args.includes('--ask-dialogs') ? [] : ['--dialogs-dir', windowsPath(dialogsDir)]), ...args],
    env: { ...bench.env, DRIVERS_PANEL_STATE_DIR: windowsPath(join(workDir, 'state')), ...extraEnv },
    workDir,
  });
  const state: { exited: number | null } = { exited: null };
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('exit', (code) => (state.exited = code ?? -1));
  const deadline = Date.now() + 60_000;
  while (!existsSync(readyFile)) {
    if (state.exited !== null || Date.now() > deadline) {
      const stderr = readFileSync(join(workDir, 'stderr.txt'), 'utf8');
      child.kill();
      throw new Error(`The bridge host did not start (exit ${state.exited ?? 'none'}):\n${stderr}`);
    }
    await delay(50);
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as BridgeReady;
  const client = await BridgeClient.connect(ready.port, ready.token);
  return {
    client,
    ready,
    workDir,
    dialogsDir,
    exited,
    async stop() {
      client.close();
      if (state.exited === null) child.kill();
      await exited;
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface Bench {
  prefix: string;
  display: string;
  /** The environment for every Wine command of this suite. */
  env: NodeJS.ProcessEnv;
  stop(): void;
}

/**
 * Whether the bench may end a wineserver that it did not start: only in the
 * suites' own prefix. In a person's prefix (dev:wine) a running wineserver
 * carries their CLI or programs, and ending it would kill them.
 */
export function benchOwnsPrefix(prefix: string): boolean {
  return resolve(prefix) === resolve(testPrefix);
}

/**
 * Prepares the prefix and a display for one suite: a private Xvfb by default,
 * a person's own `display` for a dev:wine session (so that driver dialogs can
 * be seen), or none at all (`null`), as on a machine without a desktop.
 */
export async function startBench(prefix = testPrefix, display?: string | null, owned = benchOwnsPrefix(prefix)): Promise<Bench> {
  prepare(prefix);
  mkdirSync(join(prefix, 'drive_c'), { recursive: true });
  if (display) return { prefix, display, env: { ...wineEnv(prefix), DISPLAY: display }, stop: () => undefined };
  const xvfb = display === null ? null : await startXvfb();
  const env: NodeJS.ProcessEnv = { ...wineEnv(prefix), DISPLAY: xvfb?.display };
  if (!xvfb) delete env.DISPLAY;
  if (owned) {
    // Wine's desktop process binds to the display of the first Wine process of a
    // session, so a wineserver left from an earlier suite (or from set-up without
    // a display) is ended first. -k fails when none runs, which is fine.
    spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
    spawnSync('wineserver', ['-w'], { env, stdio: 'ignore' });
  }
  return { prefix, display: xvfb?.display ?? 'none', env, stop: () => xvfb?.stop() };
}

/**
 * Windows processes of this prefix still running, by a part of their command
 * line (e.g. "driverHost.js", "winedbg"): under Wine each is a Linux process
 * whose environment names the prefix.
 */
export function windowsProcesses(prefix: string, commandPart: string): number[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmdline.includes(commandPart)) return [];
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      return environ.includes(`WINEPREFIX=${prefix}`) ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

export interface SuiteHost {
  readonly client: BridgeClient;
  readonly ready: BridgeReady;
  readonly dialogsDir: string;
}

/**
 * One bridge host for the enclosing suite, started in `before` and stopped in
 * `after`. `setup` runs first (e.g. to register fixtures) and may add environment.
 */
export function useBridgeHost(setup: (bench: Bench) => NodeJS.ProcessEnv = () => ({})): SuiteHost {
  let bench: Bench | undefined;
  let host: BridgeHost | undefined;
  before(async () => {
    bench = await startBench();
    host = await startBridgeHost(bench, setup(bench));
  });
  after(async () => {
    await host?.stop();
    bench?.stop();
  });
  const started = (): BridgeHost => {
    if (!host) throw new Error('the bridge host is not running');
    return host;
  };
  return {
    get client() {
      return started().client;
    },
    get ready() {
      return started().ready;
    },
    get dialogsDir() {
      return started().dialogsDir;
    },
  };
}
