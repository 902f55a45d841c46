/**
 * Registers the fixture driver under several aliases in a Wine prefix, each
 * told through its registered parameters what to answer, plus the awkward
 * cases a real machine has: system.ini-only entries, missing files, non-string
 * values, REG_EXPAND_SZ paths and 32-bit-view registrations.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFixtureFiles, wineEnv } from '../../scripts/prepare-wine';
import { wineReg, wineRegStatus } from '../../scripts/wineRegistry';
import { NATIVE_VIEW, registryViews } from '../../app/views';

export const FIXTURE_PREFIX = 'fx.';

/** alias → registered value; the fixture reads name/query/configure/install/remove/open from it. */
export const registryFixtures: Record<string, string> = {
  'fx.restart': 'fixture.dll name=fx.restart query=1 configure=2 install=2 remove=2',
  'fx.plain': 'fixture.dll name=fx.plain query=0 install=1 remove=1',
  'fx.cancel': 'fixture.dll name=fx.cancel query=1 configure=0 install=0 remove=0',
  'fx.negative': 'fixture.dll name=fx.negative query=-1 configure=1',
  'fx.refuse': 'fixture.dll name=fx.refuse open=0',
  'fx.missing': 'nosuchdriver.dll',
  // Slow to answer, so that tests can see the list before its probe completes.
  'fx.slow': 'fixture.dll name=fx.slow query=1 delay=1200',
};
/**
 * Drivers as they are in the wild on a technician's worst day, registered
 * beside the healthy ones: they fault in DRV_LOAD, DRV_OPEN and
 * DRV_QUERYCONFIGURE, never return from DRV_OPEN or DRV_QUERYCONFIGURE, export
 * no DriverProc, or fault in a custom message (DRV_USER = 16384).
 */
export const faultyFixtures: Record<string, string> = {
  'fx.crashload': 'fxcrashload.dll name=fx.crashload query=1',
  'fx.crashopen': 'fixture.dll name=fx.crashopen query=1 crash=3',
  'fx.crashquery': 'fixture.dll name=fx.crashquery query=1 crash=8',
  'fx.hangopen': 'fixture.dll name=fx.hangopen query=1 hang=3',
  'fx.hangquery': 'fixture.dll name=fx.hangquery query=1 hang=8',
  'fx.nodriverproc': 'nodriverproc.dll',
  'fx.crashuser': 'fixture.dll name=fx.crashuser query=0 crash=16384',
  // Answers well, but leaves a thread that faults 300 ms later: in the next driver's call, a slow one.
  'fx.leaker': 'fixture.dll name=fx.leaker query=1 leak=300',
  'fx.leakvictim': 'fixture.dll name=fx.leakvictim query=1 delay=1500',
};
/**
 * Registrations the panel must list but never open, as a reviewer planted them:
 * aliases that name a file (by path, or by the part before a space) and values
 * that Winmm reads differently from how they look. The alias names files that
 * are copies of the fixture driver, so that loading one would show in the log.
 */
export const unsafeFixtures: Record<string, string> = {
  'C:\\windows\\system32\\fxevil.dll': 'fixture.dll name=fx.harmless query=1',
  'fxcanary x': 'fixture.dll name=fx.canary query=1',
  'fx.leading': '  fixture.dll name=fx.leading query=1',
  'fx.long': `fixture.dll name=fx.long query=1 ${'p'.repeat(300)}`,
};
/** The files the unsafe aliases name, to be planted beside the fixture driver. */
export const unsafeAliasFiles = ['fxevil.dll', 'fxcanary.dll'];
/** `count` ACM codecs as a machine full of them registers them: msacm.<stem>000…, every other one configurable. */
export function bulkFixtures(stem: string, count: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const alias = `msacm.${stem}${String(i).padStart(3, '0')}`;
      return [alias, `fixture.dll name=${alias} query=${i % 2}`];
    }),
  );
}
export const expandFixture = { alias: 'fx.expand', value: '%SystemRoot%\\system32\\fixture.dll name=fx.expand query=1' };
export const dwordFixture = 'fx.dword';
export const systemIniFixtures: Record<string, string> = {
  'fx.ini': 'fixture.dll name=fx.ini query=1',
  // Registered in both places: the registry's value is the one Winmm uses.
  'fx.plain': 'fixture.dll name=fx.plain-from-ini query=1',
};
/** Drivers whose file nothing else registers (copies of the fixture), so that removing one tells the driver (DRV_REMOVE). */
export const soloFixtures: Record<string, string> = {
  'fx.solo': 'fxsolo.dll name=fx.solo query=0 remove=2',
  'fx.solocancel': 'fxcancel.dll name=fx.solocancel query=0 remove=0',
};
/** Authenticode-signed copies of the fixture (scripts/prepare-wine.ts, signedFixtures). */
export const signedFixtureDrivers: Record<string, string> = {
  'fx.signed': 'fxsigned.dll name=fx.signed query=0',
  'fx.mssigned': 'fxmssigned.dll name=fx.mssigned query=0',
  'fx.tampered': 'fxtampered.dll name=fx.tampered query=0',
};
/**
 * Codecs as they are in the wild (the fixture's codec behaviours): what real
 * codecs were seen doing, registered by a test in both views.
 */
export const codecFixtures: Record<string, string> = {
  // Settings behind ICM_CONFIGURE (DRV_QUERYCONFIGURE 0, as Xvid), and opens only as its own FourCC (as UT Video).
  // Decodes and encodes its FourCC.
  'vidc.FXZM': 'fixture.dll name=vidc.FXZM query=0 fourcc=FXZM desc=Zipped_Fixture_Video short=FxZip icinfo=1 icflags=0x0d settings=1 needicopen=1 decodes=1 encodes=1',
  // Shows its About box when merely asked whether it has one (as Xvid).
  // Decodes its FourCC only.
  'vidc.FXAB': 'fixture.dll name=vidc.FXAB query=0 fourcc=FXAB desc=About_Asking_Codec short=FxAbout icinfo=1 about=2 decodes=1',
  // -1 to everything it does not know.
  'vidc.FXM1': 'fixture.dll name=vidc.FXM1 query=-1 minusone=1',
  // Faults in ICM_GETINFO, after answering DRV_QUERYCONFIGURE.
  'vidc.FXCR': 'fixture.dll name=vidc.FXCR query=0 fourcc=FXCR icinfo=1 crash=20482',
  // Details and format tags; faults in ACMDM_DRIVER_DETAILS when opened without ACMDRVOPENDESC; About on query (as LAME).
  'msacm.fxmp3': 'fixture.dll name=msacm.fxmp3 query=1 desc=Fixture_MP3_Codec short=FxMP3 acm=1 needacmopen=1 tags=0x55,0x1 about=2',
};
export const wow64Fixtures: Record<string, string> = {
  'fx.wow': 'fixture.dll name=fx.wow query=1',
};

const drivers32 = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const drivers32Wow = 'HKEY_LOCAL_MACHINE\\Software\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';

function regString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** REG_EXPAND_SZ in a version-5 .reg file: hex(2) of the UTF-16LE string and its NUL. */
function regExpand(value: string): string {
  const bytes = Buffer.from(`${value}\0`, 'utf16le');
  return `hex(2):${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(',')}`;
}

function regFile(extra: Record<string, string>, extra32: Record<string, string>): string {
  const lines = (values: Record<string, string>): string[] =>
    Object.entries(values).map(([alias, value]) => `${regString(alias)}=${regString(value)}`);
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[${drivers32}]`,
    ...lines({ ...registryFixtures, ...extra }),
    `${regString(expandFixture.alias)}=${regExpand(expandFixture.value)}`,
    `${regString(dwordFixture)}=dword:00000001`,
    '',
    `[${drivers32Wow}]`,
    ...lines({ ...wow64Fixtures, ...extra32 }),
    '',
  ].join('\r\n');
}

/** Wine's own [drivers32] lines, as a new prefix has them: put back even if a suite removed one. */
export const wineDrivers32: Record<string, string> = {
  'msacm.imaadpcm': 'imaadp32.acm',
  'msacm.msadpcm': 'msadp32.acm',
  'msacm.msg711': 'msg711.acm',
  'msacm.l3acm': 'l3codeca.acm',
  'msacm.msgsm610': 'msgsm32.acm',
  'vidc.mrle': 'msrle32.dll',
  'vidc.msvc': 'msvidc32.dll',
  'vidc.cvid': 'iccvid.dll',
};

/** Rewrites system.ini's [drivers32] section as the fixtures and Wine have it, and drops the sections disabled lines are kept in. */
function writeSystemIni(prefix: string): void {
  const file = join(prefix, 'drive_c', 'windows', 'system.ini');
  const kept: string[] = [];
  let inDrivers = false;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line)?.[1]?.toLowerCase();
    if (header !== undefined) inDrivers = header === 'drivers32' || header.startsWith('drivers32.');
    if (!inDrivers && line !== '') kept.push(line);
  }
  const lines = (values: Record<string, string>): string[] => Object.entries(values).map(([alias, value]) => `${alias}=${value}`);
  writeFileSync(file, [...kept, '[drivers32]', ...lines(systemIniFixtures), ...lines(wineDrivers32), ''].join('\r\n'));
}

/**
 * Installs the fixture files and registrations into `prefix` (one `wine reg import`),
 * replacing whatever an earlier suite registered; `extra` adds aliases to the
 * 64-bit view, `extra32` to the 32-bit one (whose files are the x86 builds).
 */
export function registerFixtures(prefix: string, env: NodeJS.ProcessEnv = wineEnv(prefix), extra: Record<string, string> = {}, extra32: Record<string, string> = {}): void {
  installFixtureFiles(prefix);
  const reg = join(prefix, 'drive_c', 'fixtures.reg');
  writeFileSync(reg, `\ufeff${regFile(extra, extra32)}`, 'utf16le');
  // A .reg file's [-key] would do, but Wine's 32-bit reg deletes it in the 32-bit view whatever /reg: says.
  for (const view of registryViews) wineRegStatus(env, view, 'delete', drivers32, '/f');
  // The file names both views' keys itself (WOW6432Node for the 32-bit one), as a 64-bit reg reads it.
  wineReg(env, NATIVE_VIEW, 'import', 'C:\\fixtures.reg');
  writeSystemIni(prefix);
}

export interface FixtureLogLine {
  driver: string;
  msg: number;
  lp1: string;
  lp2: string;
  result: string;
  args?: string;
  dci?: { size: number; section?: string; alias?: string } | null;
  parentIsWindow?: number;
  /** DRV_OPEN: the ICOPEN or ACMDRVOPENDESC its lParam2 pointed to. */
  icopen?: { size: number; type: string; handler: string; version: number; flags: number };
  acmopen?: { size: number; type: string; version: number; section: string; alias: string };
  /** ACMDM_DRIVER_DETAILS: the size the caller said its structure is. */
  cbStruct?: number;
  /** ICM_DECOMPRESS_QUERY, ICM_COMPRESS_QUERY: the input header's biCompression ('' for BI_RGB) and biSize. */
  input?: string;
  inputSize?: number;
  pid: number;
  /** The driver's own pointer width: which host ran it. */
  bits: 32 | 64;
}

/** What the fixture logs besides messages: a module load, or a fault it is about to commit. */
export type FixtureEvent =
  | { event: 'load'; module: string; pid: number }
  | { event: 'crash' | 'hang'; driver: string; msg: number; pid: number }
  /** An ICM_ABOUT or ACMDM_DRIVER_ABOUT query (-1) the codec answers with its dialog (about=2), as Xvid and LAME do. */
  | { event: 'dialog-on-query'; driver: string; msg: number; pid: number };

/** A program the fixture started (spawn=M): `pid` started `child`, whose command line carries `tag`; `running` once it said so. */
export type FixtureSpawn =
  | { event: 'spawn'; msg: number; pid: number; child: number; tag: string; running: 0 | 1 }
  | { event: 'spawn-failed'; msg: number; pid: number; error: number };

const spawnEvents = new Set(['spawn', 'spawn-failed']);

export class FixtureLog {
  constructor(readonly path: string) {}

  clear(): void {
    writeFileSync(this.path, '');
  }

  /** The messages the fixture answered, in order. */
  lines(): FixtureLogLine[] {
    return this.all().filter((line): line is FixtureLogLine => !('event' in line));
  }

  /** Every module load and fault, in order. */
  events(): FixtureEvent[] {
    return this.all().filter((line): line is FixtureEvent => 'event' in line && !spawnEvents.has(line.event));
  }

  /** Every program the fixture started, or failed to start, in order. */
  spawns(): FixtureSpawn[] {
    return this.all().filter((line): line is FixtureSpawn => 'event' in line && spawnEvents.has(line.event));
  }

  /** The files loaded, as Windows paths with forward slashes (e.g. C:/windows/system32/fixture.dll). */
  loadedModules(): string[] {
    return this.events().flatMap((e) => (e.event === 'load' ? [e.module.toLowerCase()] : []));
  }

  private all(): Array<FixtureLogLine | FixtureEvent | FixtureSpawn> {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FixtureLogLine | FixtureEvent | FixtureSpawn);
  }
}
