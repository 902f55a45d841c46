import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, commandUsage, parseCli, parseInt64, parseMessage } from '../../main/cli/cliArgs';
import { formatAction, formatTable } from '../../main/cli/cliOutput';
import { exitCodeForFailure, exitCodeForResult } from '../../main/cli/exitCodes';
import { aliasSuggestion, editDistance, nearest } from '../../app/nearestNames';

describe('parseCli', () => {
  it('parses every command with its options anywhere on the line', () => {
    assert.deepEqual(parseCli(['list', '--json']), { command: { name: 'list', probe: 'new', signatures: false }, json: true, verbose: false, timeoutMs: null });
    assert.deepEqual(parseCli(['--no-probe', 'list']).command, { name: 'list', probe: 'none', signatures: false });
    assert.deepEqual(parseCli(['list', '--refresh', '--signatures']).command, { name: 'list', probe: 'all', signatures: true });
    assert.throws(() => parseCli(['probe', 'fx.a', '--signatures']), /--signatures applies to "list" only/);
    assert.throws(() => parseCli(['list', '--refresh', '--no-probe']), /contradict/);
    assert.deepEqual(parseCli(['configure', 'msacm.x', '--verbose', '--timeout', '2.5']), {
      command: { name: 'configure', alias: 'msacm.x', view: null },
      json: false,
      verbose: true,
      timeoutMs: 2500,
    });
    assert.deepEqual(parseCli(['probe', 'fx.a', '--retry']).command, { name: 'probe', alias: 'fx.a', retry: true, view: null });
    assert.deepEqual(parseCli(['restart-status', '--json']).command, { name: 'restart-status' });
    assert.deepEqual(parseCli([]).command, { name: 'help', topic: null });
    assert.deepEqual(parseCli(['help', 'probe']).command, { name: 'help', topic: 'probe' });
    assert.deepEqual(parseCli(['undo', '--help']).command, { name: 'help', topic: 'undo' });
  });

  it('parses report --force only with --out, which it lets replace a file that is not a report', () => {
    assert.deepEqual(parseCli(['report', '--out', 'r.csv', '--format', 'csv']).command, { name: 'report', format: 'csv', out: 'r.csv', force: false });
    assert.deepEqual(parseCli(['report', '--force', '--out', 'C:\\x\\codec.dll']).command, { name: 'report', format: 'json', out: 'C:\\x\\codec.dll', force: true });
    assert.throws(() => parseCli(['report', '--force']), /give --out FILE with it/);
    assert.throws(() => parseCli(['list', '--force']), /--force applies to "report" only/);
  });

  it('parses remove --disabled with or without the tool that disabled the driver, before or after the alias', () => {
    const removal = (disabledBy: unknown, view = '64-bit'): unknown => ({ name: 'remove', alias: 'fx.a', view, disabledBy });
    assert.deepEqual(parseCli(['remove', 'fx.a']).command, removal(null));
    assert.deepEqual(parseCli(['remove', 'fx.a', '--disabled']).command, removal('either'));
    assert.deepEqual(parseCli(['remove', '--disabled', 'fx.a']).command, removal('either'));
    assert.deepEqual(parseCli(['remove', 'fx.a', '--disabled', 'autoruns']).command, removal('autoruns'));
    assert.deepEqual(parseCli(['remove', '--disabled', 'Panel', 'fx.a', '--view', '32']).command, removal('panel', '32-bit'));
    assert.deepEqual(parseCli(['remove', 'fx.a', '--disabled=autoruns']).command, removal('autoruns'));
    assert.throws(() => parseCli(['remove', 'fx.a', '--disabled=regedit']), /--disabled takes panel or autoruns \(or nothing: wherever it is disabled\), not "regedit"/);
    assert.throws(() => parseCli(['enable', 'fx.a', '--disabled']), /--disabled applies to "remove" only/);
  });

  it('takes --view 64|32 on every command that names a driver, and passes it on', () => {
    const view = (argv: string[]): unknown => (parseCli(argv).command as { view?: unknown }).view;
    for (const [command, args] of [
      ['probe', ['fx.a']],
      ['configure', ['fx.a']],
      ['install', ['fx.a']],
      ['settings', ['vidc.XVID']],
      ['about', ['vidc.XVID']],
      ['remove', ['fx.a']],
      ['disable', ['fx.a']],
      ['enable', ['fx.a']],
      ['send', ['fx.a', 'DRV_USER', '-1']],
      ['add', ['C:\\codecs\\zmbv.dll']],
    ] as const) {
      assert.equal(view([command, ...args, '--view', '32']), '32-bit', command);
      assert.equal(view(['--view', '64', command, ...args]), '64-bit', command);
      assert.equal(view([command, '--view=32-bit', ...args]), '32-bit', command);
      assert.throws(() => parseCli([command, ...args, '--view', '16']), /--view takes 64 or 32, not "16"/, command);
    }
    assert.deepEqual(parseCli(['probe', 'vidc.XVID', '--view', '32', '--retry']).command, { name: 'probe', alias: 'vidc.XVID', retry: true, view: '32-bit' });
    assert.deepEqual(parseCli(['send', 'vidc.ZMBV', '0x4000', '-1', '--view', '32']).command, {
      name: 'send',
      alias: 'vidc.ZMBV',
      message: 0x4000,
      lParam1: -1n,
      lParam2: 0n,
      view: '32-bit',
      fill: {},
    });
    for (const command of ['list', 'history', 'undo', 'restart-status', 'report', 'which']) {
      assert.throws(
        () => parseCli([command, '--view', '32']),
        /--view applies to "probe", "configure", "install", "settings", "about", "remove", "disable", "enable", "add", "send" only/,
        command,
      );
    }
  });

  it('without --view, leaves calls to admission (64-bit first, else 32-bit) and add to the file, but changes the 64-bit registration', () => {
    for (const argv of [['probe', 'fx.a'], ['configure', 'fx.a'], ['install', 'fx.a'], ['send', 'fx.a', '0x800'], ['add', 'x.acm']]) {
      assert.equal((parseCli(argv).command as { view?: unknown }).view, null, argv[0]);
    }
    for (const argv of [['remove', 'fx.a'], ['disable', 'fx.a'], ['enable', 'fx.a'], ['remove', 'fx.a', '--disabled']]) {
      assert.equal((parseCli(argv).command as { view?: unknown }).view, '64-bit', argv[0]);
    }
  });

  it('parses send with negative and hex parameters, defaulting to 0', () => {
    assert.deepEqual(parseCli(['send', 'a', 'DRV_USER+2', '-3', '0x10']).command, {
      name: 'send',
      alias: 'a',
      message: 0x4002,
      lParam1: -3n,
      lParam2: 16n,
      view: null,
      fill: {},
    });
    assert.deepEqual(parseCli(['send', 'a', '0x800']).command, { name: 'send', alias: 'a', message: 0x800, lParam1: 0n, lParam2: 0n, view: null, fill: {} });
    assert.deepEqual(parseCli(['send', 'msacm.x', 'ACMDM_FORMATTAG_DETAILS', '--index', '2']).command, {
      name: 'send',
      alias: 'msacm.x',
      message: 0x6019,
      lParam1: 0n,
      lParam2: 0n,
      view: null,
      fill: { index: 2 },
    });
    assert.deepEqual((parseCli(['send', 'vidc.x', 'ICM_DECOMPRESS_QUERY', '--fourcc', 'XVID']).command as { fill: unknown }).fill, { fourcc: 'XVID' });
    assert.throws(() => parseCli(['send', 'vidc.x', 'ICM_DECOMPRESS_QUERY', '--fourcc', 'TOOLONG']), /--fourcc takes one to four printable characters/);
    assert.throws(() => parseCli(['probe', 'vidc.x', '--index', '1']), /--index applies to "send" only/);
  });

  it('reports usage errors a person can fix', () => {
    assert.throws(() => parseCli(['frob']), /^Error: Unknown command "frob"\. Run "drivers-cli help" to see the commands\.$/);
    assert.throws(() => parseCli(['lsit']), /Unknown command "lsit"\. Did you mean "list"\? Run "drivers-cli help list" for its usage\./);
    assert.throws(() => parseCli(['help', 'prob']), /Did you mean "probe"\?/);
    assert.throws(() => parseCli(['probe']), /"probe" takes 1 argument\(s\), got 0/);
    assert.throws(() => parseCli(['list', 'extra']), UsageError);
    assert.throws(() => parseCli(['list', '--bogus']), UsageError);
    assert.throws(() => parseCli(['send', 'a', 'DRV_USER+x']), /not an integer/);
    assert.throws(() => parseCli(['configure', 'a', '--retry']), /--retry applies to "probe" only/);
    assert.throws(() => parseCli(['probe', 'a', '--no-probe']), /--no-probe applies to "list" only/);
    for (const bad of ['0', '-1', 'soon', '1e3', '90000']) assert.throws(() => parseCli(['list', '--timeout', bad]), /--timeout takes a number of seconds/);
  });
});

describe('parseInt64 and parseMessage', () => {
  it('keeps 64-bit values exact and rejects what does not fit', () => {
    assert.equal(parseInt64('9223372036854775807'), 9223372036854775807n);
    assert.equal(parseInt64('-9223372036854775808'), -9223372036854775808n);
    assert.throws(() => parseInt64('9223372036854775808'), /does not fit/);
    assert.throws(() => parseInt64('1.5'), /not an integer/);
    assert.equal(parseMessage('DRV_USER', 'other'), 0x4000);
    assert.throws(() => parseMessage('0x100000000', 'other'), /outside/);
    assert.throws(() => parseMessage('-1', 'other'), /outside/);
  });

  it("takes a catalogue message by name, in any case, for a driver of that message's kind only", () => {
    assert.equal(parseMessage('ICM_CONFIGURE', 'vidc'), 0x500a);
    assert.equal(parseMessage('icm_about', 'vidc'), 0x500b);
    assert.equal(parseMessage('ACMDM_DRIVER_ABOUT', 'acm'), 0x600b);
    assert.equal(parseMessage('DRV_QUERYCONFIGURE', 'wave'), 8, "Winmm's own, for every kind");
    assert.throws(() => parseMessage('ICM_CONFIGURE', 'acm'), /^Error: ICM_CONFIGURE is a message for a video codec \(VfW\); this driver is an audio codec \(ACM\)\. Give its number if you mean it\.$/);
    assert.throws(() => parseMessage('ICM_NOSUCH', 'vidc'), /not an integer/);
  });
});

describe('formatTable', () => {
  it('pads every column but the last to its widest cell', () => {
    assert.equal(formatTable(['A', 'BB', 'C'], [['long', 'x', 'end'], ['s', 'yyy', '']]), 'A     BB   C\nlong  x    end\ns     yyy');
  });
});

describe('exit codes', () => {
  it('maps results and failures to the documented codes', () => {
    assert.equal(exitCodeForResult('ok'), 0);
    assert.equal(exitCodeForResult('cancel'), 1);
    assert.equal(exitCodeForResult('restart'), 3010);
    assert.equal(exitCodeForResult('unsupported'), 1, 'a driver that does not handle the message did not do it');
    assert.equal(exitCodeForFailure('invalid-alias'), 2);
    assert.equal(exitCodeForFailure('message-not-allowed'), 2);
    assert.equal(exitCodeForFailure('unknown-alias'), 3);
    assert.equal(exitCodeForFailure('open-failed'), 1);
    assert.equal(exitCodeForFailure('not-configurable'), 1);
  });

  it('says in words what each action result means', () => {
    const base = { alias: 'fx', action: 'install', raw: '2', restartRequired: true } as const;
    assert.equal(formatAction({ ...base, result: 'restart' }), 'Install fx: done, but Windows must be restarted before the change takes effect (DRVCNF_RESTART).');
  });
});

describe('commandUsage (help <command>)', () => {
  it("gives one command's lines and the options, not every command", () => {
    const probe = commandUsage('probe');
    assert.match(probe, /^Usage: drivers-cli probe <alias> \[--retry\] \[--view 64\|32\]\nsends DRV_QUERYCONFIGURE; --retry lifts a quarantine first\n/);
    assert.match(probe, /\nOptions:\n/);
    assert.doesNotMatch(probe, /restart-status/);
    assert.match(commandUsage('which'), /^Usage: drivers-cli which <format>\nthe codecs in both views/);
  });
});

describe('aliasSuggestion (an unknown alias)', () => {
  const registered = [
    { alias: 'msacm.imaadpcm', file: 'imaadp32.acm' },
    { alias: 'msacm.msadpcm', file: 'msadp32.acm' },
    { alias: 'vidc.cvid', file: 'C:\\Windows\\System32\\iccvid.dll' },
  ];
  it("names the alias of the file typed, else the aliases a typo away, else nothing", () => {
    assert.equal(aliasSuggestion('imaadp32.acm', registered), ' imaadp32.acm is the file of msacm.imaadpcm: did you mean msacm.imaadpcm?');
    assert.equal(aliasSuggestion('ICCVID.DLL', registered), ' ICCVID.DLL is the file of vidc.cvid: did you mean vidc.cvid?');
    assert.equal(aliasSuggestion('msacm.imadpcm', registered), ' Did you mean msacm.imaadpcm?');
    assert.equal(aliasSuggestion('fx.nothing', registered), '');
    assert.deepEqual(nearest('lsit', ['list', 'history']), ['list']);
    assert.equal(editDistance('Probe', 'prob'), 1);
  });
});
