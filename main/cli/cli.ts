/**
 * The technician CLI: the driver service from a command line, for scripts and
 * remote sessions. Thin: parsing and formatting live beside it, the work in the service.
 */
import type { DriverFailure } from '../../app/drivers';
import { commandChannels, elevationProblem, needsAdministrator } from '../../app/privileges';
import { printable, printed } from '../../app/printableText';
import { childProcessHost } from '../host/supervisor/childHostLauncher';
import { x86ProcessHost } from '../host/supervisor/pipeHostLauncher';
import { NATIVE_VIEW, WOW64_VIEW, registryViews } from '../../app/views';
import { processIsElevated } from '../win32/elevation';
import { toFailure } from '../../app/driverError';
import { formatActivity } from '../service/activity';
import type { DriverService } from '../service/driverService';
import type { Deadlines } from '../service/serviceParts';
import { openDriverService } from '../service/openDriverService';
import { GetConsoleWindow } from '../win32/kernel32';
import { UsageError, commandUsage, parseCli, usage, type CliCommand, type CliInvocation } from './cliArgs';
import {
  formatAction,
  formatAddition,
  formatChange,
  formatCodecDialog,
  formatCodecQuery,
  formatFailure,
  formatHistory,
  formatListing,
  formatProbe,
  formatRemoval,
  formatRestartStatus,
  formatSend,
  formatUndo,
} from './cliOutput';
import { EXIT_DRIVER_FAILURE, EXIT_OK, EXIT_RESTART_REQUIRED, EXIT_USAGE, exitCodeForAddition, exitCodeForFailure, exitCodeForRemoval, exitCodeForResult } from './exitCodes';
import { resolve } from 'node:path';
import { errorTrace } from '../../app/errorText';

interface Output {
  exitCode: number;
  json: unknown;
  text: string;
}

async function execute(service: DriverService, command: Exclude<CliCommand, { name: 'help' }>): Promise<Output> {
  switch (command.name) {
    case 'list': {
      const listing = await service.completeListing(command.probe, { signatures: command.signatures });
      return { exitCode: EXIT_OK, json: listing, text: formatListing(listing) };
    }
    case 'probe': {
      const probe = await service.probe(command.alias, { retry: command.retry, view: command.view });
      return { exitCode: EXIT_OK, json: probe, text: formatProbe(probe) };
    }
    case 'configure':
    case 'install': {
      const result =
        command.name === 'configure'
          ? await service.configure(command.alias, GetConsoleWindow() || null, command.view)
          : await service.install(command.alias, command.view);
      return { exitCode: exitCodeForResult(result.result), json: result, text: formatAction(result) };
    }
    case 'which': {
      const result = await service.whichCodec(command.format);
      return { exitCode: result.matches.length > 0 ? EXIT_OK : EXIT_DRIVER_FAILURE, json: result, text: formatCodecQuery(result) };
    }
    case 'settings':
    case 'about': {
      const result = await service.codecDialog(command.alias, command.name, GetConsoleWindow() || null, command.view);
      return { exitCode: result.supported ? EXIT_OK : EXIT_DRIVER_FAILURE, json: result, text: formatCodecDialog(result) };
    }
    case 'remove': {
      const { alias, view, disabledBy } = command;
      const removal = disabledBy === 'either' ? await service.changes.removeDisabled({ alias, view }) : await service.changes.remove({ alias, view, disabledBy });
      return { exitCode: exitCodeForRemoval(removal), json: removal, text: formatRemoval(removal) };
    }
    case 'disable':
    case 'enable': {
      const change = await service.changes[command.name]({ alias: command.alias, view: command.view });
      return { exitCode: EXIT_OK, json: change, text: formatChange(change) };
    }
    case 'add': {
      const { file, alias, kind, replace, view } = command;
      const addition = await service.changes.add({ file: resolve(file), replace, ...(alias ? { alias } : {}), ...(kind ? { kind } : {}), ...(view ? { view } : {}) });
      return { exitCode: exitCodeForAddition(addition), json: addition, text: formatAddition(addition) };
    }
    case 'history': {
      const changes = await service.changes.history();
      return { exitCode: EXIT_OK, json: changes, text: formatHistory(changes) };
    }
    case 'undo': {
      const result = await service.changes.undo(command.id ?? undefined);
      return { exitCode: EXIT_OK, json: result, text: formatUndo(result) };
    }
    case 'send': {
      const result = await service.send(command.alias, command.message, command.lParam1, command.lParam2, command.view, command.fill);
      return { exitCode: EXIT_OK, json: result, text: formatSend(result) };
    }
    case 'restart-status': {
      const pending = await service.restartRequirements();
      return { exitCode: pending.length > 0 ? EXIT_RESTART_REQUIRED : EXIT_OK, json: pending, text: formatRestartStatus(pending) };
    }
    case 'report': {
      // Loaded only here: the report's HTML is React's server rendering (1.4 MB of react-dom), which every other command would evaluate at its start.
      const [{ formatReport }, { currentReport, writeReport }] = await Promise.all([import('../reports/reportFormats'), import('../reports/supportReport')]);
      const report = await currentReport(service, await service.completeListing('new'));
      if (!command.out) return { exitCode: EXIT_OK, json: report, text: formatReport(report, command.format).trimEnd() };
      await writeReport(report, command.format, command.out, { replaceAnyFile: command.force });
      return { exitCode: EXIT_OK, json: { written: command.out, format: command.format }, text: printed`Report written to ${command.out}.` };
    }
  }
}

function failureOutput(failure: DriverFailure): Output {
  return { exitCode: exitCodeForFailure(failure.code), json: { error: failure }, text: formatFailure(failure) };
}

function deadlinesOf(invocation: CliInvocation): Partial<Deadlines> {
  const ms = invocation.timeoutMs;
  return ms === null ? {} : { background: ms, interactive: ms, dialog: ms };
}

/** With --json, stdout carries one JSON document whatever happens; people read stderr. */
const wantsJson = process.argv.includes('--json');

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function print(invocation: CliInvocation, output: Output): number {
  if (invocation.json) printJson(output.json);
  else process.stdout.write(`${output.text}\n`);
  return output.exitCode;
}

async function run(argv: readonly string[]): Promise<number> {
  let invocation: CliInvocation;
  try {
    invocation = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // The problem and where to read more, not the whole usage: a typo should not scroll its own message away.
    process.stderr.write(`${printable(error.message)}\n`);
    if (wantsJson) printJson({ error: { code: 'invalid-request', message: error.message } });
    return EXIT_USAGE;
  }
  const { command } = invocation;
  if (command.name === 'help') {
    const text = command.topic === null ? usage : commandUsage(command.topic);
    if (wantsJson) printJson({ usage: text });
    else process.stdout.write(`${text}\n`);
    return EXIT_OK;
  }
  const channel = commandChannels[command.name];
  if (needsAdministrator(channel)) {
    // Refused before any driver is loaded, rather than failing half-way.
    const problem = elevationProblem(channel, processIsElevated(), 'cli');
    if (problem) return print(invocation, failureOutput({ code: 'elevation-required', message: problem }));
  }
  const service = await openDriverService({ [NATIVE_VIEW]: childProcessHost(), [WOW64_VIEW]: x86ProcessHost() }, {
    deadlines: deadlinesOf(invocation),
    readsFiles: command.name === 'list' || command.name === 'report',
    // The CLI has no window to keep answering: it reads the files itself and does not pay for a worker's start.
    readsFilesHere: true,
    // `list --refresh` probes every driver: both hosts start at once, side by side with the listing, not after it.
    warmHosts: command.name === 'list' && command.probe === 'all' ? registryViews : [],
  });
  // Ctrl+C ends the driver host too, even while a driver hangs.
  process.once('SIGINT', () => void service.close().finally(() => process.exit(130)));
  // What a driver writes itself is always shown, on stderr (stdout is the CLI's own); the trace with --verbose.
  service.followActivity((activity) => {
    if (invocation.verbose || activity.kind === 'driver-output') process.stderr.write(`${formatActivity(activity)}\n`);
  });
  try {
    const output = await execute(service, command).catch((error: unknown) => failureOutput(toFailure(error)));
    return print(invocation, output);
  } finally {
    await service.close();
    // Last, because closing writes what the command remembered, and a write that failed is a notice too.
    for (const notice of service.takeNotices()) process.stderr.write(printed`Note: ${notice}\n`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A stack's lines are its layout; what a value put into the message is escaped on each.
    const lines = errorTrace(error).split('\n');
    process.stderr.write(`Unexpected failure: ${lines.map(printable).join('\n')}\n`);
    if (wantsJson) printJson({ error: toFailure(error) });
    process.exitCode = 1;
  },
);
