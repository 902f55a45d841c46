/** Parses the CLI's command line into a command, or a usage error a person can fix. */
import { parseArgs } from 'node:util';
import { DRV_USER } from '../../app/messages';

export type CliCommand =
  | { name: 'help' }
  | { name: 'list'; probe: boolean }
  | { name: 'probe' | 'configure' | 'install' | 'remove'; alias: string }
  | { name: 'send'; alias: string; message: number; lParam1: bigint; lParam2: bigint };

export interface CliInvocation {
  command: CliCommand;
  json: boolean;
  verbose: boolean;
}

export class UsageError extends Error {}

export const usage = `Usage: drivers-cli <command> [options]

Commands:
  list [--no-probe]                      every installed driver; probes whether each can be configured
  probe <alias>                          sends DRV_QUERYCONFIGURE
  configure <alias>                      opens the driver's configuration dialog (DRV_CONFIGURE)
  install <alias>                        sends DRV_INSTALL
  remove <alias>                         sends DRV_REMOVE
  send <alias> <message> [lp1] [lp2]     sends a custom message with integer parameters;
                                         message as a number, 0x hex, or DRV_USER+n

Options:
  --json       print one JSON document on stdout
  --verbose    trace every call into a driver on stderr
  --help       this text

Exit codes: 0 done, 1 driver failure or cancelled, 2 usage error, 3 unknown alias,
3010 done but Windows must restart for the change to take effect.`;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Negative LPARAMs such as -3 are values, not options. */
const negativeNumber = /^-(?:0x[0-9a-f]+|\d+)$/i;

/**
 * All options are flags, so they can be moved before a `--` and everything else
 * kept in order after it; that lets negative numbers through as positionals.
 */
function separateFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const tail = end < 0 ? [] : argv.slice(end + 1);
  const isFlag = (a: string): boolean => a.startsWith('-') && !negativeNumber.test(a);
  return [...head.filter(isFlag), '--', ...head.filter((a) => !isFlag(a)), ...tail];
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const options = { json: values.json, verbose: values.verbose };
  if (values.help || positionals.length === 0) return { command: { name: 'help' }, ...options };
  return { command: parseCommand(positionals, values['no-probe']), ...options };
}

function parseCommand(positionals: string[], noProbe: boolean): CliCommand {
  const [name, ...args] = positionals;
  switch (name) {
    case 'list':
      expectCount(name, args, 0, 0);
      return { name, probe: !noProbe };
    case 'probe':
    case 'configure':
    case 'install':
    case 'remove':
      expectCount(name, args, 1, 1);
      return { name, alias: args[0] ?? '' };
    case 'send': {
      expectCount(name, args, 2, 4);
      const [alias = '', message = '', lParam1 = '0', lParam2 = '0'] = args;
      return { name, alias, message: parseMessage(message), lParam1: parseInt64(lParam1), lParam2: parseInt64(lParam2) };
    }
    default:
      throw new UsageError(`Unknown command "${name}". Run with --help to see the commands.`);
  }
}

function expectCount(name: string, args: string[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`"${name}" takes ${wanted} argument(s), got ${args.length}. Run with --help for usage.`);
  }
}

/** A message as a number (decimal or 0x hex) or as DRV_USER+n. */
export function parseMessage(text: string): number {
  const user = /^DRV_USER(?:\+(\S+))?$/i.exec(text);
  const value = user ? BigInt(DRV_USER) + (user[1] ? parseInt64(user[1]) : 0n) : parseInt64(text);
  if (value < 0n || value > 0xffffffffn) throw new UsageError(`Message ${text} is outside 0 … 0xFFFFFFFF.`);
  return Number(value);
}

/** An LPARAM: a signed 64-bit integer in decimal or 0x hex. Never a pointer from the caller. */
export function parseInt64(text: string): bigint {
  const match = /^(-)?(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!match || !match[2]) throw new UsageError(`"${text}" is not an integer (decimal or 0x hex).`);
  const value = BigInt(match[2]) * (match[1] ? -1n : 1n);
  if (value < INT64_MIN || value > INT64_MAX) throw new UsageError(`${text} does not fit in a 64-bit LPARAM.`);
  return value;
}
