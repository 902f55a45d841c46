/**
 * The technician CLI: the driver service from a command line, for scripts and
 * remote sessions. Thin: parsing and formatting live beside it, the work in the service.
 */
import type { DriverFailure } from '../../app/drivers';
import { childProcessHost } from '../drivers/childHostLauncher';
import { DriverService, formatCallRecord } from '../drivers/driverService';
import { HostSupervisor } from '../drivers/hostSupervisor';
import { toFailure } from '../drivers/driverError';
import { GetConsoleWindow } from '../win32/kernel32';
import { UsageError, parseCli, usage, type CliCommand, type CliInvocation } from './cliArgs';
import { formatAction, formatFailure, formatListing, formatProbe, formatSend } from './cliOutput';
import { EXIT_OK, EXIT_USAGE, exitCodeForFailure, exitCodeForResult } from './exitCodes';

interface Output {
  exitCode: number;
  json: unknown;
  text: string;
}

async function execute(service: DriverService, command: Exclude<CliCommand, { name: 'help' }>): Promise<Output> {
  switch (command.name) {
    case 'list': {
      if (command.probe) await (await service.probeAll()).done;
      const listing = await service.listDrivers();
      return { exitCode: EXIT_OK, json: listing, text: formatListing(listing) };
    }
    case 'probe': {
      const probe = await service.probe(command.alias);
      return { exitCode: EXIT_OK, json: probe, text: formatProbe(probe) };
    }
    case 'configure':
    case 'install':
    case 'remove': {
      const result =
        command.name === 'configure'
          ? await service.configure(command.alias, GetConsoleWindow() || null)
          : await service[command.name](command.alias);
      return { exitCode: exitCodeForResult(result.result), json: result, text: formatAction(result) };
    }
    case 'send': {
      const result = await service.send(command.alias, command.message, command.lParam1, command.lParam2);
      return { exitCode: EXIT_OK, json: result, text: formatSend(result) };
    }
  }
}

function print(invocation: CliInvocation, output: Output): void {
  const text = invocation.json ? JSON.stringify(output.json, null, 2) : output.text;
  process.stdout.write(`${text}\n`);
}

function failureOutput(failure: DriverFailure): Output {
  return { exitCode: exitCodeForFailure(failure.code), json: { error: failure }, text: formatFailure(failure) };
}

async function run(argv: readonly string[]): Promise<number> {
  let invocation: CliInvocation;
  try {
    invocation = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return EXIT_USAGE;
  }
  const { command } = invocation;
  if (command.name === 'help') {
    process.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  const service = new DriverService(new HostSupervisor(childProcessHost()));
  if (invocation.verbose) service.on('call', (call) => process.stderr.write(`${formatCallRecord(call)}\n`));
  try {
    const output = await execute(service, command).catch((error: unknown) => failureOutput(toFailure(error)));
    print(invocation, output);
    return output.exitCode;
  } finally {
    service.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
