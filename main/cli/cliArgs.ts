/** Parses the CLI's command line into a command, or a usage error a person can fix. */
import { parseArgs } from 'node:util';
import { disablers, type Disabler, type ProbeMode } from '../../app/drivers';
import { NATIVE_VIEW, viewNamed, type RegistryView } from '../../app/views';
import { addableKinds, isAddableKind, type AddableKind } from '../../app/aliasSuggestion';
import { classifyAlias, type DriverKind } from '../../app/driverKinds';
import { readInt64, readMessage } from '../../app/messageText';
import { nearest } from '../../app/nearestNames';
import { reportFormats, type ReportFormat } from '../../app/supportReport';
import { errorText } from '../../app/errorText';

export type CliCommand =
  /** `topic`: the command `help <command>` (or `<command> --help`) asks about; null: all of them. */
  | { name: 'help'; topic: string | null }
  | { name: 'list'; probe: ProbeMode; signatures: boolean }
  /**
   * `view` null (no --view): the registration in the native view where there
   * is one, else the 32-bit one, as admission decides; a call loads nothing
   * it was not asked to, so taking the one there is is safe.
   */
  | { name: 'probe'; alias: string; retry: boolean; view: RegistryView | null }
  | { name: 'configure' | 'install' | 'settings' | 'about'; alias: string; view: RegistryView | null }
  /**
   * `view`: the native view without --view. A change is not guessed: codec
   * packs register both builds under one alias, and removing the one the
   * person did not mean cannot be told from the output alone.
   * `disabledBy`: null for an enabled registration; 'either' finds a disabled one wherever it is kept.
   */
  | { name: 'remove'; alias: string; view: RegistryView; disabledBy: Disabler | 'either' | null }
  | { name: 'disable' | 'enable'; alias: string; view: RegistryView }
  /** `view` null (no --view): the file's machine decides; a --view that disagrees with it is refused. */
  | { name: 'add'; file: string; alias: string | null; kind: AddableKind | null; replace: boolean; view: RegistryView | null }
  | { name: 'which'; format: string }
  | { name: 'history' }
  | { name: 'undo'; id: string | null }
  | { name: 'send'; alias: string; message: number; lParam1: bigint; lParam2: bigint; view: RegistryView | null; fill: { index?: number; fourcc?: string } }
  | { name: 'restart-status' }
  /** `force`: --out may replace a file that is not a report. */
  | { name: 'report'; format: ReportFormat; out: string | null; force: boolean };

export interface CliInvocation {
  command: CliCommand;
  json: boolean;
  verbose: boolean;
  /** --timeout: how long any one driver call may take, in milliseconds; null keeps the defaults. */
  timeoutMs: number | null;
}

export class UsageError extends Error {}

export const usage = `Usage: drivers-cli <command> [options]

Commands:
  list [--no-probe] [--refresh] [--signatures]
                                         every installed driver; probes the new and changed ones
                                         (--refresh: all of them) for a configuration dialog;
                                         --signatures also checks each file's signature (slower)
  probe <alias> [--retry] [--view 64|32]
                                         sends DRV_QUERYCONFIGURE; --retry lifts a quarantine first
  configure <alias> [--view 64|32]       opens the driver's configuration dialog (DRV_CONFIGURE)
  install <alias> [--view 64|32]         sends DRV_INSTALL
  settings <alias> [--view 64|32]        opens a video codec's own settings dialog (ICM_CONFIGURE),
                                         which codecs such as Xvid keep apart from Configure
  about <alias> [--view 64|32]           opens a codec's own About box (ICM_ABOUT, ACMDM_DRIVER_ABOUT)
  remove <alias> [--view 64|32] [--disabled [panel|autoruns]]
                                         deletes the registration (journaled, never the file);
                                         sends DRV_REMOVE first if it is the last one of its file;
                                         --disabled: a disabled one, wherever it is kept (this
                                         panel's first), or the one that panel or Autoruns disabled
  disable <alias> [--view 64|32]         keeps the registration where programs do not load it
                                         (Drivers32\\DriversPanelDisabled)
  enable <alias> [--view 64|32]          puts back what this panel or Autoruns disabled
  add <file> [--alias A] [--kind K] [--replace] [--view 64|32]
                                         checks that the file is a driver DLL (x64 or x86) exporting
                                         DriverProc, copies it into the system folder of its view
                                         (System32 or SysWOW64), registers it (alias suggested from
                                         --kind: acm, vidc, wave, midi, aux, mixer) and sends
                                         DRV_INSTALL; a cancel undoes it all
  which <format>                         the codecs in both views that handle a FourCC (XVID, MJPG)
                                         or a WAVE format tag (0x55, 85, "MPEG Layer-3"): video
                                         codecs are asked, audio codecs by the tags they list
  history                                the changes made to the registrations, newest first
  undo [<change-id>]                     undoes the newest change (or that one), byte for byte
  send <alias> <message> [lp1] [lp2] [--view 64|32] [--index N] [--fourcc XXXX]
                                         sends a message: a number, 0x hex, DRV_USER+n, or a name
                                         (ICM_GETINFO, ACMDM_DRIVER_DETAILS); integer parameters,
                                         or the structure the message takes, filled in by the
                                         panel (--index: a format tag's; --fourcc: a frame's)
                                         and shown as the driver left it
  restart-status                         the changes that wait for Windows to restart
  report [--format json|csv|html] [--out FILE [--force]]
                                         every driver, its probe, status and quarantine, pending
                                         restarts, machine and Windows version, for support;
                                         --out NUL (CON, COM1…) writes to that device; --out
                                         replaces an earlier report, and any other file only
                                         with --force

--view 64|32 names the registry view: the drivers of 64-bit programs or of 32-bit ones
(WOW6432Node, files in SysWOW64). Without it, probe, configure, install, settings, about and send take the
64-bit registration, else the 32-bit one; remove, disable and enable the 64-bit one; add
the view the file is built for.

Options:
  --json          print one JSON document on stdout
  --verbose       trace every call into a driver on stderr
  --timeout <s>   give up on a driver that takes longer than this (default: 5 s for probes
                  in list, 30 s for probe and send, no limit for configure/install/remove)
  --help          this text

A driver that crashes or stops answering is quarantined: list and probe leave it
alone until "probe <alias> --retry" (or a changed driver file).

Exit codes: 0 done, 1 driver failure, quarantined or cancelled, 2 usage error,
3 unknown alias, 740 needs a command prompt run as administrator (add, install,
remove, disable, enable, undo),
3010 done but Windows must restart (restart-status: a restart is pending).`;

/** Negative LPARAMs such as -3 are values, not options. */
const negativeNumber = /^-(?:0x[0-9a-f]+|\d+)$/i;

/** Options that take the next argument as their value. */
const valueOptions = new Set(['--timeout', '--format', '--out', '--view', '--alias', '--kind', '--index', '--fourcc']);

/** Options whose value may be left out; the next argument is theirs only when it is one of these words. */
const optionalValues: ReadonlyMap<string, readonly string[]> = new Map([['--disabled', disablers]]);

/**
 * Options (with their values) are moved before a `--` and everything else kept
 * in order after it; that lets negative numbers through as positionals.
 */
function separateFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end + 1);
  const options: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < head.length; i++) {
    const arg = head[i] ?? '';
    const words = optionalValues.get(arg);
    if (valueOptions.has(arg) && i + 1 < head.length) {
      // Joined with "=", so that a value such as "-1" is not read as another option.
      options.push(`${arg}=${head[++i] ?? ''}`);
    } else if (words) {
      // Given without a value, the option is still given, as "" (parseDisabled reads it as "wherever").
      const next = head[i + 1]?.toLowerCase() ?? '';
      const value = words.includes(next) ? next : '';
      if (value) i++;
      options.push(`${arg}=${value}`);
    } else if (arg.startsWith('-') && !negativeNumber.test(arg)) options.push(arg);
    else positionals.push(arg);
  }
  return [...options, '--', ...positionals, ...tail];
}

export function parseCli(argv: readonly string[]): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: separateFlags(argv),
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'no-probe': { type: 'boolean', default: false },
        refresh: { type: 'boolean', default: false },
        signatures: { type: 'boolean', default: false },
        retry: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        view: { type: 'string' },
        disabled: { type: 'string' },
        alias: { type: 'string' },
        kind: { type: 'string' },
        index: { type: 'string' },
        fourcc: { type: 'string' },
        replace: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(errorText(error));
  }
  const { values, positionals } = parsed;
  const options = { json: values.json, verbose: values.verbose, timeoutMs: parseTimeout(values.timeout) };
  if (positionals.length === 0) return { command: { name: 'help', topic: null }, ...options };
  if (positionals[0] === 'help' || values.help) {
    const topic = positionals[0] === 'help' ? (positionals[1] ?? null) : (positionals[0] ?? null);
    if (topic !== null && !(commandNames as readonly string[]).includes(topic)) throw unknownCommand(topic);
    return { command: { name: 'help', topic }, ...options };
  }
  const command = parseCommand(positionals, {
    noProbe: values['no-probe'],
    refresh: values.refresh,
    signatures: values.signatures,
    retry: values.retry,
    format: values.format,
    out: values.out,
    view: values.view,
    disabled: values.disabled,
    alias: values.alias,
    kind: values.kind,
    replace: values.replace,
    force: values.force,
    index: values.index,
    fourcc: values.fourcc,
  });
  return { command, ...options };
}

interface CommandFlags {
  noProbe: boolean;
  refresh: boolean;
  signatures: boolean;
  retry: boolean;
  format: string | undefined;
  out: string | undefined;
  view: string | undefined;
  disabled: string | undefined;
  alias: string | undefined;
  kind: string | undefined;
  replace: boolean;
  force: boolean;
  index: string | undefined;
  fourcc: string | undefined;
}

/** A flag that only one command understands is a mistake anywhere else. */
function onlyFor(flag: keyof CommandFlags, option: string, allowed: readonly string[], name: string, flags: CommandFlags): void {
  if (flags[flag] !== undefined && flags[flag] !== false && !allowed.includes(name)) {
    throw new UsageError(`${option} applies to ${allowed.map((a) => `"${a}"`).join(', ')} only.`);
  }
}

/** Every command that names a driver (by alias, or by the file being added) takes --view. */
const aliasCommands = ['probe', 'configure', 'install', 'settings', 'about', 'remove', 'disable', 'enable', 'add', 'send'];

function parseCommand(positionals: string[], flags: CommandFlags): CliCommand {
  const [name = '', ...args] = positionals;
  onlyFor('noProbe', '--no-probe', ['list'], name, flags);
  onlyFor('refresh', '--refresh', ['list'], name, flags);
  onlyFor('signatures', '--signatures', ['list'], name, flags);
  onlyFor('retry', '--retry', ['probe'], name, flags);
  onlyFor('format', '--format', ['report'], name, flags);
  onlyFor('out', '--out', ['report'], name, flags);
  onlyFor('view', '--view', aliasCommands, name, flags);
  onlyFor('disabled', '--disabled', ['remove'], name, flags);
  onlyFor('alias', '--alias', ['add'], name, flags);
  onlyFor('kind', '--kind', ['add'], name, flags);
  onlyFor('replace', '--replace', ['add'], name, flags);
  onlyFor('force', '--force', ['report'], name, flags);
  onlyFor('index', '--index', ['send'], name, flags);
  onlyFor('fourcc', '--fourcc', ['send'], name, flags);
  switch (name) {
    case 'list':
      expectCount(name, args, 0, 0);
      if (flags.noProbe && flags.refresh) throw new UsageError('--no-probe and --refresh contradict each other.');
      return { name, probe: flags.noProbe ? 'none' : flags.refresh ? 'all' : 'new', signatures: flags.signatures };
    case 'restart-status':
      expectCount(name, args, 0, 0);
      return { name };
    case 'report':
      expectCount(name, args, 0, 0);
      if (flags.force && !flags.out) throw new UsageError('--force lets report --out replace a file that is not a report; give --out FILE with it.');
      return { name, format: parseFormat(flags.format), out: flags.out || null, force: flags.force };
    case 'probe':
      expectCount(name, args, 1, 1);
      return { name, alias: args[0] ?? '', retry: flags.retry, view: parseView(flags.view) };
    case 'configure':
    case 'install':
    case 'settings':
    case 'about':
      expectCount(name, args, 1, 1);
      return { name, alias: args[0] ?? '', view: parseView(flags.view) };
    case 'remove':
      expectCount(name, args, 1, 1);
      return { name, alias: args[0] ?? '', view: parseView(flags.view) ?? NATIVE_VIEW, disabledBy: parseDisabled(flags.disabled) };
    case 'disable':
    case 'enable':
      expectCount(name, args, 1, 1);
      return { name, alias: args[0] ?? '', view: parseView(flags.view) ?? NATIVE_VIEW };
    case 'add':
      expectCount(name, args, 1, 1);
      if (flags.alias !== undefined && flags.kind !== undefined) throw new UsageError('--alias names the driver; --kind only helps suggest a name. Give one of them.');
      return { name, file: args[0] ?? '', alias: flags.alias ?? null, kind: parseKind(flags.kind), replace: flags.replace, view: parseView(flags.view) };
    case 'which':
      expectCount(name, args, 1, 1);
      return { name, format: args[0] ?? '' };
    case 'history':
      expectCount(name, args, 0, 0);
      return { name };
    case 'undo':
      expectCount(name, args, 0, 1);
      return { name, id: args[0] ?? null };
    case 'send': {
      expectCount(name, args, 2, 4);
      const [alias = '', message = '', lParam1 = '0', lParam2 = '0'] = args;
      return {
        name,
        alias,
        message: parseMessage(message, classifyAlias(alias)),
        lParam1: parseInt64(lParam1),
        lParam2: parseInt64(lParam2),
        view: parseView(flags.view),
        fill: parseFill(flags.index, flags.fourcc),
      };
    }
    default:
      throw unknownCommand(name);
  }
}

export const commandNames = [
  'list',
  'probe',
  'configure',
  'install',
  'settings',
  'about',
  'remove',
  'disable',
  'enable',
  'add',
  'which',
  'history',
  'undo',
  'send',
  'restart-status',
  'report',
  'help',
] as const;

/** What a mistyped command gets: the nearest command, not the whole usage. */
function unknownCommand(name: string): UsageError {
  const [close] = nearest(name, commandNames);
  const hint = close ? ` Did you mean "${close}"? Run "drivers-cli help ${close}" for its usage.` : ' Run "drivers-cli help" to see the commands.';
  return new UsageError(`Unknown command "${name}".${hint}`);
}

/** The usage of one command: its lines of the usage text, and the options every command takes. */
export function commandUsage(name: string): string {
  const lines = usage.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${name} `) || line === `  ${name}`);
  if (start < 0) return usage;
  const end = lines.findIndex((line, i) => i > start && !/^ {10,}\S/.test(line));
  const from = usage.indexOf('Options:');
  const options = usage.slice(from, usage.indexOf('\n\n', from));
  // A short command's description starts on its own line, after a run of spaces.
  const [syntax = '', ...said] = (lines[start] ?? '').trim().split(/ {2,}/);
  const described = [...said, ...lines.slice(start + 1, end < 0 ? undefined : end)].map((l) => l.trim());
  return [`Usage: drivers-cli ${syntax}`, ...described, '', options].join('\n');
}

function expectCount(name: string, args: string[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`"${name}" takes ${wanted} argument(s), got ${args.length}. Run with --help for usage.`);
  }
}

function parseKind(text: string | undefined): AddableKind | null {
  if (text === undefined) return null;
  const kind = text.trim().toLowerCase();
  if (!isAddableKind(kind)) throw new UsageError(`--kind takes ${addableKinds.join(', ')}, not "${text}".`);
  return kind;
}

/** --index N (a format tag's index) and --fourcc XXXX (a frame's format), for the structures send fills in. */
function parseFill(index: string | undefined, fourcc: string | undefined): { index?: number; fourcc?: string } {
  const fill: { index?: number; fourcc?: string } = {};
  if (index !== undefined) {
    if (!/^\d{1,5}$/.test(index) || Number(index) > 0xffff) throw new UsageError(`--index takes a format tag's index, 0 to 65535, not "${index}".`);
    fill.index = Number(index);
  }
  if (fourcc !== undefined) {
    if (!/^[\x20-\x7e]{1,4}$/.test(fourcc)) throw new UsageError(`--fourcc takes one to four printable characters (XVID), not "${fourcc}".`);
    fill.fourcc = fourcc;
  }
  return fill;
}

/** The view --view names; null without it (each command says what that means). */
function parseView(text: string | undefined): RegistryView | null {
  if (text === undefined) return null;
  const view = viewNamed(text);
  if (!view) throw new UsageError(`--view takes 64 or 32, not "${text}".`);
  return view;
}

/** --disabled alone: wherever the registration is disabled; --disabled panel|autoruns: by that tool. */
function parseDisabled(text: string | undefined): Disabler | 'either' | null {
  if (text === undefined) return null;
  const by = text.trim().toLowerCase();
  if (by === '') return 'either';
  const disabler = disablers.find((d) => d === by);
  if (!disabler) throw new UsageError(`--disabled takes ${disablers.join(' or ')} (or nothing: wherever it is disabled), not "${text}".`);
  return disabler;
}

function parseFormat(text: string | undefined): ReportFormat {
  const format = (text ?? 'json').toLowerCase();
  if (!(reportFormats as readonly string[]).includes(format)) throw new UsageError(`--format takes ${reportFormats.join(', ')}, not "${text ?? ''}".`);
  return format as ReportFormat;
}

/** Seconds, from a millisecond (fractions allowed) up to a day; a 0 ms deadline would fail every call. */
function parseTimeout(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = Math.round(Number(text) * 1000);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(ms >= 1) || ms > 86_400_000) {
    throw new UsageError(`--timeout takes a number of seconds from 0.001 to 86400, not "${text}".`);
  }
  return ms;
}

/** A message as a number (decimal or 0x hex), as DRV_USER+n, or by its name in the catalogue for the driver's `kind` (messageText.ts). */
export function parseMessage(text: string, kind: DriverKind): number {
  const read = readMessage(text, kind);
  if (!read.ok) throw new UsageError(read.why);
  return read.value;
}

/** An LPARAM: a signed 64-bit integer in decimal or 0x hex. Never a pointer from the caller. */
export function parseInt64(text: string): bigint {
  const read = readInt64(text);
  if (!read.ok) throw new UsageError(read.why);
  return read.value;
}
