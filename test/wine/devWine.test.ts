/**
 * `npm run dev:wine` as a person uses it, its real pieces under Wine: the
 * console asks which file Add driver… opens and where Export report… saves
 * (a Linux path is taken as Wine sees it), and the activity log is written
 * where the README says. The page's calls are made as the panel page makes
 * them, through the panel server with its token.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Channel, Reply } from '../../app/contract';
import { NATIVE_VIEW } from '../../app/views';
import { fixtureDir, root } from '../../scripts/prepare-wine';
import { TOKEN_HEADER, TOKEN_META } from '../ui/benchToken';
import { driveC, testPrefix, windowsPath } from './wineBench';

/** The place the README's Logs section names: the app's own, in the prefix's %APPDATA%. */
const appLog = join(driveC, 'users', userInfo().username, 'AppData', 'Roaming', 'Multimedia Drivers Panel', 'logs', 'main.log');
const panelState = join(driveC, 'ProgramData', 'Multimedia Drivers Panel');

/** What dev:wine has printed, and a wait for what it prints next. */
class DevConsole {
  private text = '';
  private seen = 0;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }

  /** The first match of `pattern` in what was printed since the last match. */
  async next(pattern: RegExp, what: string, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.text.slice(this.seen));
      if (match) {
        this.seen += match.index + match[0].length;
        return match;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) assert.fail(`dev:wine did not ${what}. It printed:\n${this.text}`);
      await delay(50);
    }
  }

  /** Everything printed so far. */
  get printed(): string {
    return this.text;
  }

  type(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }
}

describe('npm run dev:wine', () => {
  const work = mkdtempSync(join(tmpdir(), 'dev-wine-'));
  const reports = join(work, 'reports');
  let dev: DevConsole | undefined;
  let call: <C extends Channel>(channel: C, payload: unknown) => Promise<Reply<C>> = () => Promise.reject(new Error('not started'));
  const hadState = existsSync(panelState);

  before(async () => {
    rmSync(appLog, { force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, WINEPREFIX: testPrefix, PORT: '0', DEV_WINE_REPORTS: reports };
    // No window: the page's calls are made below, as the page makes them.
    delete env.DISPLAY;
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'dev-wine.ts')], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    dev = new DevConsole(child);
    const url = (await dev.next(/ at (http:\/\/127\.0\.0\.1:\d+\/)/, 'say where the panel is', 90_000))[1] ?? '';
    const page = await (await fetch(url)).text();
    const token = new RegExp(`<meta name="${TOKEN_META}" content="([0-9a-f]+)"`).exec(page)?.[1] ?? '';
    call = async (channel, payload) => {
      const response = await fetch(`${url}bridge/call/${channel}`, { method: 'POST', headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
      return (await response.json()) as Reply<typeof channel>;
    };
  });

  after(async () => {
    const child = dev?.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
      child.kill('SIGTERM');
      const late = new AbortController();
      const stopped = await Promise.race([exited, delay(30_000, false, { signal: late.signal }).catch(() => false)]);
      late.abort();
      if (!stopped) child.kill('SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
    rmSync(appLog, { force: true });
    if (!hadState) rmSync(panelState, { recursive: true, force: true });
  });

  it('asks on its console which file Add driver… opens, and takes a Linux path as Wine sees it', { timeout: 60_000 }, async () => {
    if (!dev) throw new Error('dev:wine is not running');
    const file = join(work, 'fxdev.acm');
    copyFileSync(join(fixtureDir, 'fixture.dll'), file);
    const chosen = call('chooseDriverFile', {});
    await dev.next(/Add driver…[^\n]*\n/, 'ask on its console which driver file to open');
    dev.type(file);
    const reply = await chosen;
    assert.ok(reply.ok, JSON.stringify(reply));
    // Read under Wine from the Linux folder: checked from its bytes, as a file to add.
    assert.equal(reply.value.file?.path, windowsPath(file));
    assert.equal(reply.value.file.problem, null);
    assert.equal(reply.value.file.view, NATIVE_VIEW);

    const cancelled = call('chooseDriverFile', {});
    await dev.next(/Add driver…[^\n]*\n/, 'ask again');
    dev.type('');
    assert.deepEqual(await cancelled, { ok: true, value: { file: null } }, 'an empty line cancels');
  });

  it('saves Export report… in the folder it names, unless told another place', { timeout: 60_000 }, async () => {
    if (!dev) throw new Error('dev:wine is not running');
    const exported = call('exportReport', { format: 'json' });
    await dev.next(/Export report…[^\n]*\n/, 'ask on its console where to save the report');
    dev.type('');
    const reply = await exported;
    assert.ok(reply.ok && reply.value.saved, JSON.stringify(reply));
    const saved = readdirSync(reports);
    assert.equal(saved.length, 1, `one report in ${reports}: ${saved.join(', ')}`);
    assert.equal(reply.value.saved, windowsPath(join(reports, saved[0] ?? '')));
    const report = JSON.parse(readFileSync(join(reports, saved[0] ?? ''), 'utf8')) as { drivers?: unknown[] };
    assert.ok(Array.isArray(report.drivers) && report.drivers.length > 0, 'the report lists the drivers');

    const elsewhere = join(work, 'mine.json');
    const second = call('exportReport', { format: 'json' });
    await dev.next(/Export report…[^\n]*\n/, 'ask again');
    dev.type(elsewhere);
    assert.deepEqual(await second, { ok: true, value: { saved: windowsPath(elsewhere) } });
    assert.ok(existsSync(elsewhere));
  });

  it('writes the activity log in the prefix, where the README says, and names it', { timeout: 60_000 }, async () => {
    if (!dev) throw new Error('dev:wine is not running');
    const reply = await call('probeDriver', { alias: 'msacm.imaadpcm', retry: true });
    assert.ok(reply.ok, JSON.stringify(reply));
    let text = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !text.includes('msacm.imaadpcm'); await delay(100)) {
      text = existsSync(appLog) ? readFileSync(appLog, 'utf8') : '';
    }
    assert.match(text, /^\S+Z \[driver\] msacm\.imaadpcm DRV_QUERYCONFIGURE\(0, 0\) -> 1 in [\d.]+ ms$/m, `the probe in ${appLog}`);
  });

  it('says where the log and the reports go', async () => {
    if (!dev) throw new Error('dev:wine is not running');
    // Printed at the start, before anything above was asked.
    const printed = dev.printed;
    assert.ok(printed.includes(appLog), `the log's path in:\n${printed}`);
    assert.ok(printed.includes(reports), `the reports' folder in:\n${printed}`);
  });
});
