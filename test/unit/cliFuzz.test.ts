/**
 * The CLI's command line fuzzed with fast-check: whatever a script or a person
 * types, parseCli answers with a command it can carry out or a UsageError that
 * says what to fix (exit code 2), never another exception; and what it accepts
 * is exactly what was typed, in range.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { anyText, hostilePaths, int64Text } from '../fuzz/hostileText';
import { reportFormats } from '../../app/supportReport';
import { disablers } from '../../app/drivers';
import { UsageError, parseCli, type CliInvocation } from '../../main/cli/cliArgs';

const commands = ['list', 'probe', 'configure', 'install', 'remove', 'send', 'restart-status', 'report', 'help', 'LIST', ''];
const options = ['--json', '--verbose', '--no-probe', '--refresh', '--retry', '--timeout', '--format', '--format=csv', '--format=HTML', '--out', '--help', '-h', '--', '--bogus', '-x', '--json=1', '--disabled', '--disabled=Autoruns'];

/** Arguments as they come from scripts: paths, case variants, NULs, huge and numeric text. */
const hostileArg = fc.oneof(
  fc.constantFrom(
    ...hostilePaths,
    'msacm.imaadpcm',
    'autoruns',
    'panel',
    'DRV_USER',
    'DRV_USER+1',
    'drv_user+0x10',
    'DRV_USER+-20000',
    '0xFFFFFFFF',
    '0x100000000',
    '-1',
    '2.5',
    '0.0001',
    '0.0005',
    '86401',
    'x'.repeat(40_000),
  ),
  anyText,
  int64Text,
);

/** Words, with --timeout often followed by a value so that the values get tried. */
const argv = fc
  .array(
    fc.oneof(
      fc.constantFrom(...commands).map((c) => [c]),
      fc.constantFrom(...options).map((o) => [o]),
      hostileArg.map((a) => [a]),
      hostileArg.map((a) => ['--timeout', a]),
    ),
    { maxLength: 6 },
  )
  .map((words) => words.flat());

function parse(args: readonly string[]): CliInvocation | UsageError {
  try {
    return parseCli(args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw new Error(`${JSON.stringify(args).slice(0, 200)} threw`, { cause: error });
  }
}

function assertAccepted(args: readonly string[], { command, timeoutMs }: CliInvocation): void {
  const shown = JSON.stringify(args).slice(0, 200);
  if (timeoutMs !== null) assert.ok(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 86_400_000, `${shown}: timeout ${timeoutMs}`);
  if ('alias' in command && command.alias !== null) assert.ok(args.includes(command.alias), `${shown}: the alias ${command.alias} was not typed as one argument`);
  if (command.name === 'remove') assert.ok([null, 'either', ...disablers].includes(command.disabledBy), `${shown}: disabled by ${command.disabledBy}`);
  if (command.name === 'report') assert.ok((reportFormats as readonly string[]).includes(command.format), `${shown}: format ${command.format}`);
  if (command.name === 'send') {
    assert.ok(Number.isInteger(command.message) && command.message >= 0 && command.message <= 0xffffffff, `${shown}: message ${command.message}`);
    for (const lParam of [command.lParam1, command.lParam2]) assert.ok(lParam >= -(2n ** 63n) && lParam < 2n ** 63n, `${shown}: LPARAM ${lParam}`);
  }
}

describe('the CLI command line, fuzzed', () => {
  it('answers anything with a command in range or a usage error that says what to fix', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const result = parse(args);
        if (result instanceof UsageError) {
          assert.ok(result.message.length >= 15, `unhelpful: ${result.message}`);
          // Words of a broken template, unless the person typed them.
          for (const word of ['undefined', '[object ', 'NaN']) {
            assert.ok(!result.message.includes(word) || args.some((a) => a.includes(word)), `unhelpful: ${result.message}`);
          }
        } else {
          assertAccepted(args, result);
        }
      }),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  it('takes an alias verbatim, whatever its case, spaces or path characters', () => {
    const alias = hostileArg.filter((a) => a.length > 0 && !a.startsWith('-'));
    fc.assert(
      fc.property(fc.constantFrom('probe', 'configure', 'install', 'remove'), alias, (name, typed) => {
        const result = parse([name, typed]);
        assert.ok(!(result instanceof UsageError), `${name} ${typed.slice(0, 80)}: ${result instanceof UsageError ? result.message : ''}`);
        assert.equal('alias' in result.command && result.command.alias, typed);
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('reads options the same wherever they stand on the line', () => {
    const option = fc.constantFrom<readonly string[]>(['--json'], ['--verbose'], ['--timeout', '7'], ['--timeout', '0.5']);
    fc.assert(
      fc.property(
        fc.constantFrom<readonly string[]>(['list'], ['probe', 'fx.plain'], ['send', 'fx.plain', 'DRV_USER+1', '-3', '0x10'], ['restart-status']),
        fc.uniqueArray(option, { maxLength: 3, selector: (o) => o[0] }),
        fc.nat(),
        (command, chosen, at) => {
          const flags = chosen.flat();
          const cut = at % (command.length + 1);
          const moved = [...command.slice(0, cut), ...flags, ...command.slice(cut)];
          assert.deepEqual(parse(moved), parse([...command, ...flags]), JSON.stringify(moved));
        },
      ),
      { numRuns: 500, seed: 20261123 },
    );
  });
});
