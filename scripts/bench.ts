// `npm run bench`: the driver core against a native baseline under Wine, and
// the panel at the largest N in Chromium.
//
// Registers N distinct copies of the fixture driver in each registry view, in
// a prefix of its own (.cache/wine-bench): the x64 build in system32 for the
// 64-bit view, the x86 build in SysWOW64 for the 32-bit view. Times,
// interleaved in one run, the native C program (bench/native/nativeList.c,
// built with mingw-w64 for each architecture: each lists its own view) and
// our service with its two real driver hosts (bench/serviceBench.ts), then the
// CLI's `list --json` against the two native programs, each as a whole
// process. Prints median and range per figure, per view and for both views,
// and the ratio ours/native. Then, with the most drivers, the panel in
// Chromium (bench/panelBench.ts) against its targets. Writes everything to
// bench/results.json and the plot of cost against N to bench/cost.svg.
//
//   npm run bench [-- --sizes 20,50,200,1000,2000] [--runs 5] [--panel-runs 5]
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, formatComparison, sidesInOrder, summarise, type Comparison, type Summary } from '../bench/benchStats';
import { costPlot } from '../bench/costPlot';
import { measurePanel, type PanelTimings } from '../bench/panelBench';
import type { ServiceTimings, ViewTimings } from '../bench/serviceBench';
import { REGISTRATIONS_PER_BATCH } from '../app/drivers';
import { prepare, root, wineEnv, windowsNode } from './prepare-wine';
import { errorTrace } from '../app/errorText';
import { NATIVE_VIEW, WOW64_VIEW, registryViews, type RegistryView } from '../app/views';
import { wineReg } from './wineRegistry';

const prefix = join(root, '.cache', 'wine-bench');
const work = join(root, '.cache', 'bench');
const nativeSource = join(root, 'bench', 'native', 'nativeList.c');
/** Per view: the native baseline built for the view's architecture, the fixture build, and where its copies go. */
const places: Record<RegistryView, { compiler: string; exe: string; fixture: string; folder: string }> = {
  [NATIVE_VIEW]: {
    compiler: 'x86_64-w64-mingw32-gcc',
    exe: join(work, 'nativeList.exe'),
    fixture: join(root, '.cache', 'fixtures', 'fixture.dll'),
    folder: join(prefix, 'drive_c', 'windows', 'system32'),
  },
  [WOW64_VIEW]: {
    compiler: 'i686-w64-mingw32-gcc',
    exe: join(work, 'nativeList32.exe'),
    fixture: join(root, '.cache', 'fixtures', 'x86', 'fixture.dll'),
    folder: join(prefix, 'drive_c', 'windows', 'syswow64'),
  },
};
const drivers32 = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const MAX_DRIVERS = 2000;

interface NativeTimings {
  /** When the first REGISTRATIONS_PER_BATCH values had been read (the batch ours streams first). */
  firstRegistrations: number;
  registrations: number;
  details: number;
  probes: number;
  drivers: number;
  opened: number;
  configurable: number;
}

const windowsPath = (linux: string): string => `Z:${linux.replaceAll('/', '\\')}`;
const env = { ...wineEnv(prefix) };
delete env.DISPLAY;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function buildNative(): void {
  mkdirSync(work, { recursive: true });
  for (const { compiler, exe } of Object.values(places)) {
    if (existsSync(exe) && statSync(exe).mtimeMs >= statSync(nativeSource).mtimeMs) continue;
    const built = spawnSync(compiler, ['-O2', '-Wall', '-Werror', '-municode', '-o', exe, nativeSource, '-lwinmm', '-lversion'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`${compiler} could not build ${nativeSource}`);
  }
}

const alias = (i: number): string => `fx.bench${String(i).padStart(4, '0')}`;
const file = (i: number): string => `drvb${String(i).padStart(4, '0')}.dll`;

/**
 * Exactly `count` bench drivers registered in each view (distinct files, so
 * each is a real DLL load), beside Wine's own, and exactly their files in the
 * view's system folder: Wine looks names up case-insensitively by reading the
 * directory, so the copies of a larger N left behind slowed every process
 * start and DLL load (the driver host's start by about 130 ms with 2000 files
 * present at N = 200). Each view is imported with its own switch: Wine's reg
 * writes the 32-bit view unless told /reg:64 (scripts/wineRegistry.ts).
 */
function register(count: number): void {
  for (const view of registryViews) {
    const { fixture, folder } = places[view];
    const lines = ['Windows Registry Editor Version 5.00', '', `[${drivers32}]`];
    for (let i = 1; i <= MAX_DRIVERS; i++) {
      if (i <= count) {
        if (!existsSync(join(folder, file(i)))) copyFileSync(fixture, join(folder, file(i)));
        lines.push(`"${alias(i)}"="${file(i)} name=${alias(i)} query=1"`);
      } else {
        rmSync(join(folder, file(i)), { force: true });
        lines.push(`"${alias(i)}"=-`);
      }
    }
    const reg = join(work, 'bench.reg');
    writeFileSync(reg, `\ufeff${lines.join('\r\n')}\r\n`, 'utf16le');
    wineReg(env, view, 'import', windowsPath(reg));
  }
  spawnSync('wineserver', ['-w'], { env });
}

/** Runs a Windows program to completion; its output goes to files (a Windows process must not write to a Linux pipe). Returns the wall time. */
function runWindows(args: string[], extraEnv: NodeJS.ProcessEnv = {}): number {
  const out = openSync(join(work, 'stdout.txt'), 'w');
  const err = openSync(join(work, 'stderr.txt'), 'w');
  const started = performance.now();
  const run = spawnSync('wine', args, { env: { ...env, ...extraEnv }, stdio: ['ignore', out, err] });
  const wall = performance.now() - started;
  closeSync(out);
  closeSync(err);
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}: ${readFileSync(join(work, 'stderr.txt'), 'utf8').slice(0, 2000)}`);
  return wall;
}

interface NativeRun {
  views: Record<RegistryView, NativeTimings>;
  /** Each program's wall time, as a whole process. */
  walls: Record<RegistryView, number>;
}

/**
 * The two native programs, one after the other, 64-bit view first as our
 * scanner reads it: the 32-bit one is told how many values of the first batch
 * are still to come, so that their sum is when native had read as many
 * registrations as our first batch holds.
 */
function native(): NativeRun {
  const run = (view: RegistryView, first: number): { timings: NativeTimings; wall: number } => {
    const out = join(work, 'native.json');
    const wall = runWindows([places[view].exe, windowsPath(out), String(Math.max(1, first))]);
    return { timings: JSON.parse(readFileSync(out, 'utf8')) as NativeTimings, wall };
  };
  const wide = run(NATIVE_VIEW, REGISTRATIONS_PER_BATCH);
  const narrow = run(WOW64_VIEW, REGISTRATIONS_PER_BATCH - wide.timings.drivers);
  return { views: { [NATIVE_VIEW]: wide.timings, [WOW64_VIEW]: narrow.timings }, walls: { [NATIVE_VIEW]: wide.wall, [WOW64_VIEW]: narrow.wall } };
}

/** Native across both views: the two programs' phases, added. */
function nativeWhole(run: NativeRun): NativeTimings & { wall: number } {
  const [a, b] = [run.views[NATIVE_VIEW], run.views[WOW64_VIEW]];
  const firstInWide = a.drivers >= REGISTRATIONS_PER_BATCH;
  return {
    firstRegistrations: firstInWide ? a.firstRegistrations : a.registrations + b.firstRegistrations,
    registrations: a.registrations + b.registrations,
    details: a.details + b.details,
    probes: a.probes + b.probes,
    drivers: a.drivers + b.drivers,
    opened: a.opened + b.opened,
    configurable: a.configurable + b.configurable,
    wall: run.walls[NATIVE_VIEW] + run.walls[WOW64_VIEW],
  };
}

/** Our service in one process, with a state of its own (fresh unless `keepState`). */
function ours(mode: 'all' | 'new', state: string, keepState = false): ServiceTimings {
  if (!keepState) rmSync(state, { recursive: true, force: true });
  const out = join(work, 'service.json');
  runWindows([windowsNode, join(root, 'dist', 'main', 'serviceBench.js'), windowsPath(out), mode], { DRIVERS_PANEL_STATE_DIR: windowsPath(state) });
  return JSON.parse(readFileSync(out, 'utf8')) as ServiceTimings;
}

function cli(state: string): number {
  rmSync(state, { recursive: true, force: true });
  return runWindows([windowsNode, join(root, 'dist', 'main', 'cli.js'), 'list', '--refresh', '--json'], { DRIVERS_PANEL_STATE_DIR: windowsPath(state) });
}

interface SecondStart {
  probed: number;
  flagsKnown: number;
  drivers: number;
}

interface SizeResult {
  /** Drivers registered by the bench in each view (the listing also holds Wine's own). */
  drivers: number;
  /** Both views: ours in one listing, native as the two programs. */
  comparisons: Comparison[];
  /** Each view alone: ours from the same runs, native as that view's program. */
  views: Record<RegistryView, Comparison[]>;
  secondStart: Record<RegistryView, SecondStart>;
  firstRegistrationsMs: number;
  /** How many registrations the first batch held (all of them when there are fewer than a batch). */
  firstCount: number;
  /** How many registrations the listing held. */
  listed: number;
  /** Opening the service itself (state, journal recovery, boot clock), before the first request: part of the first registrations. */
  openMs: number;
}

function measure(count: number, runs: number): SizeResult {
  register(count);
  const state = join(work, 'state');
  const sides = { native: [] as NativeRun[], ours: [] as ServiceTimings[], cliWall: [] as number[] };
  // One warm-up of each side, not counted: the first DLL loads fill the file cache for both.
  const warm = native();
  const warmOurs = ours('all', state);
  for (const view of registryViews) {
    // A bench that registered its copies in the wrong view would compare nothing: both sides must see them.
    const seen = { native: warm.views[view].opened, ours: warmOurs.views[view].drivers };
    if (seen.native < count || seen.ours < count) throw new Error(`The ${view} view should hold ${count} bench drivers: native opened ${seen.native}, ours listed ${seen.ours}.`);
  }
  for (let r = 0; r < runs; r++) {
    for (const side of sidesInOrder(r, 'ours', 'native')) {
      if (side === 'native') {
        sides.native.push(native());
      } else {
        sides.ours.push(ours('all', state));
        sides.cliWall.push(cli(join(work, 'cli-state')));
      }
    }
  }
  const fig = (name: string, a: number[], b: number[]): Comparison => compare(name, count, a, b);
  const whole = sides.native.map(nativeWhole);
  const comparisons = [
    // From the service's start: opening it (state and journal) is in ours.
    // The first batch that ours streams, against native's reading as many values.
    fig('first registrations', sides.ours.map((t) => t.firstRegistrations), whole.map((t) => t.firstRegistrations)),
    fig('all registrations', sides.ours.map((t) => t.registrations), whole.map((t) => t.registrations)),
    fig('listing with file details', sides.ours.map((t) => t.details - t.open), whole.map((t) => t.details)),
    // Ours probes each driver as soon as its file is found; native probes after reading every file.
    fig('to the last probe', sides.ours.map((t) => t.probes - t.open), whole.map((t) => t.probes)),
    fig('list --json, whole process', sides.cliWall, whole.map((t) => t.wall)),
  ];
  const ofView = (view: RegistryView): Comparison[] => {
    const mine = sides.ours.map((t): ViewTimings & { open: number } => ({ ...t.views[view], open: t.open }));
    const theirs = sides.native.map((n) => n.views[view]);
    return [
      fig('listing with file details', mine.map((t) => t.details - t.open), theirs.map((t) => t.details)),
      fig('to the last probe', mine.map((t) => t.probes - t.open), theirs.map((t) => t.probes)),
    ];
  };
  ours('all', state);
  const second = ours('new', state, true);
  const secondOf = (view: RegistryView): SecondStart => {
    const { probed, flagsKnown, drivers } = second.views[view];
    return { probed, flagsKnown, drivers };
  };
  return {
    drivers: count,
    comparisons,
    views: { [NATIVE_VIEW]: ofView(NATIVE_VIEW), [WOW64_VIEW]: ofView(WOW64_VIEW) },
    secondStart: { [NATIVE_VIEW]: secondOf(NATIVE_VIEW), [WOW64_VIEW]: secondOf(WOW64_VIEW) },
    firstRegistrationsMs: comparisons[0]?.ours.median ?? Number.NaN,
    firstCount: Math.min(...sides.ours.map((t) => t.firstCount)),
    listed: second.drivers,
    openMs: summarise(sides.ours.map((t) => t.open)).median,
  };
}

/** The issue's targets; each line says whether it is met. */
const targets = {
  firstRegistrationsMs: 100,
  /** Both views, ours/native: where users are (about 20 drivers) and with many. */
  probeRatio: { 20: 2, 200: 1.2 },
  wholeProcessRatio: { 20: 3, 200: 1.2 },
  firstRowsMs: 500,
  keystrokeMs: 16,
  longTaskMs: 50,
};

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT MET';
}

interface PanelResult {
  drivers: number;
  runs: PanelTimings[];
  firstRows: Summary;
  allProbes: Summary;
  /** The median keystroke of each run, then their median and range. */
  keystroke: Summary;
  longestTaskWhileScrolling: number;
  heapAfterGcMb: Summary;
}

async function measurePanelRuns(count: number, runs: number): Promise<PanelResult> {
  register(count);
  const all: PanelTimings[] = [];
  for (let r = 0; r < runs; r++) all.push(await measurePanel(prefix));
  return {
    drivers: count,
    runs: all,
    firstRows: summarise(all.map((t) => t.firstRows)),
    allProbes: summarise(all.map((t) => t.allProbes)),
    keystroke: summarise(all.map((t) => summarise(t.keystrokes).median)),
    longestTaskWhileScrolling: Math.max(0, ...all.flatMap((t) => t.longTasksWhileScrolling)),
    heapAfterGcMb: summarise(all.map((t) => t.heapAfterGc / 2 ** 20)),
  };
}

function sayTargets(results: readonly SizeResult[]): void {
  const at = (n: number, figure: string): Comparison | undefined => results.find((r) => r.drivers === n)?.comparisons.find((c) => c.figure === figure);
  const largest = results[results.length - 1];
  const first = largest?.comparisons.find((c) => c.figure === 'first registrations');
  if (first && largest) {
    say(`Target: first registrations < ${targets.firstRegistrationsMs} ms at N=${largest.drivers}: ${first.ours.median.toFixed(0)} ms: ${verdict(first.ours.median < targets.firstRegistrationsMs)}`);
  }
  const ratioTargets = [
    ['probing all, both views', 'to the last probe', targets.probeRatio],
    ['list --json as a whole process, both views', 'list --json, whole process', targets.wholeProcessRatio],
  ] as const;
  for (const [what, figure, limits] of ratioTargets) {
    for (const [n, limit] of Object.entries(limits)) {
      const c = at(Number(n), figure);
      if (c) say(`Target: ${what} ≤ ${limit}× native at N=${n}: ${c.ratio.toFixed(2)}×: ${verdict(c.ratio <= limit)}`);
    }
  }
  for (const r of results) {
    for (const view of registryViews) {
      const { probed, flagsKnown, drivers } = r.secondStart[view];
      say(`Target: a second start loads no driver and knows every Configure… flag, N=${r.drivers}, ${view} view: ${probed} loaded, ${flagsKnown}/${drivers} known: ${verdict(probed === 0 && flagsKnown === drivers)}`);
    }
  }
}

function sayPanel(p: PanelResult): void {
  const range = (s: Summary, digits = 0): string => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  say(`Panel in Chromium, N=${p.drivers}, ${p.runs.length} run(s), median (range):`);
  say(`  navigation to first rows           ${range(p.firstRows)} ms; target < ${targets.firstRowsMs} ms: ${verdict(p.firstRows.median < targets.firstRowsMs)}`);
  say(`  navigation to all probes done      ${range(p.allProbes)} ms`);
  say(`  keystroke to next paint            ${range(p.keystroke, 1)} ms (median of 20 each run); target < ${targets.keystrokeMs} ms: ${verdict(p.keystroke.median < targets.keystrokeMs)}`);
  const longest = p.longestTaskWhileScrolling;
  say(`  longest task during a fast scroll  ${longest ? `${longest.toFixed(0)} ms` : 'none over 50 ms'}; target none > ${targets.longTaskMs} ms: ${verdict(longest <= targets.longTaskMs)}`);
  say(`  JS heap after garbage collection   ${range(p.heapAfterGcMb, 1)} MB`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '20,50,200,1000,2000' }, runs: { type: 'string', default: '3' }, 'panel-runs': { type: 'string', default: '5' } } });
  const sizes = values.sizes
    .split(',')
    .map(Number)
    .filter((n) => n > 0 && n <= MAX_DRIVERS)
    .sort((a, b) => a - b);
  const runs = Math.max(1, Number(values.runs));
  // The panel's first rows move most with the machine's load: more runs give a steadier median.
  const panelRuns = Math.max(1, Number(values['panel-runs']));
  prepare(prefix);
  buildNative();
  spawnSync('node', [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown CPU';
  const machine = `${cpu}, ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GB, ${wineVersion()}`;
  say(`Bench under Wine on ${machine}: N fixture copies in each view (x64 in system32, x86 in SysWOW64), beside Wine's own 8 drivers; ${runs} interleaved runs per side and size, after one warm-up each.`);
  say('Times in ms, median (range); ratio = ours/native, of the medians. Ours lists and probes both views in one listing; native is the two programs, one per view, their times added.');
  const results: SizeResult[] = [];
  for (const count of sizes) {
    const result = measure(count, runs);
    results.push(result);
    for (const view of registryViews) for (const c of result.views[view]) say(formatComparison({ ...c, figure: `${c.figure} (${view} view)` }));
    for (const c of result.comparisons) say(formatComparison({ ...c, figure: `${c.figure} (both views)` }));
    say(`N=${String(result.drivers).padEnd(5)} the first registrations are ${result.firstCount} of ${result.listed}; opening our service (in them): ${result.openMs.toFixed(0)} ms (median)`);
  }
  sayTargets(results);
  const largest = sizes[sizes.length - 1] ?? 0;
  const panel = await measurePanelRuns(largest, panelRuns);
  sayPanel(panel);
  register(0);
  mkdirSync(join(root, 'bench'), { recursive: true });
  const measuredAt = new Date().toISOString();
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify({ measuredAt, machine, runs, targets, results, panel }, null, 2)}\n`);
  const comparisons = results.flatMap((r) => r.comparisons);
  writeFileSync(join(root, 'bench', 'cost.svg'), costPlot(comparisons, `Cost against N (drivers in each view) under Wine, both views, ours (solid) and native (dashed), ${measuredAt.slice(0, 10)}`));
  say('Written to bench/results.json and bench/cost.svg.');
}

function wineVersion(): string {
  return spawnSync('wine', ['--version'], { encoding: 'utf8' }).stdout.trim() || 'Wine';
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorTrace(error)}\n`);
  process.exit(1);
});
