/** electron-builder.yml, checked against electron-builder's own configuration schema. */
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';

const root = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function validate(candidate: unknown): string[] {
  // The schema uses non-standard keywords; strict mode would reject the schema itself.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return check(candidate) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema", () => {
    assert.deepEqual(validate(config), []);
  });

  it('the schema check catches a broken configuration', () => {
    assert.notDeepEqual(validate({ ...config, nsis: { perMachine: 'yes' } }), []);
    assert.notDeepEqual(validate({ ...config, notAnOption: true }), []);
  });

  it('builds a per-machine x64 NSIS installer with a Start-menu shortcut and the CLI', () => {
    const win = config.win as { target: Array<{ target: string; arch: string[] }> };
    assert.deepEqual(win.target, [{ target: 'nsis', arch: ['x64'] }]);
    const nsis = config.nsis as Record<string, unknown>;
    assert.equal(nsis.perMachine, true);
    assert.equal(nsis.createStartMenuShortcut, true);
    assert.deepEqual(config.extraFiles, [{ from: 'build/drivers-cli.cmd', to: 'drivers-cli.cmd' }]);
    const cli = readFileSync(join(root, 'build/drivers-cli.cmd'), 'utf8');
    assert.match(cli, /ELECTRON_RUN_AS_NODE=1/);
    assert.match(cli, /app\.asar\.unpacked\\dist\\main\\cli\.js" %\*/);
  });

  it('ships koffi as the only run-time dependency; everything else is bundled', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    assert.deepEqual(Object.keys(pkg.dependencies), ['koffi']);
    assert.equal(pkg.main, 'dist/main/index.js');
  });

  it("unpacks koffi's native module from the asar and ships only its win32 x64 build", () => {
    const unpack = config.asarUnpack as string[];
    assert.ok(unpack.includes('node_modules/koffi/**'));
    assert.ok(unpack.includes('node_modules/@koromix/koffi-win32-x64/**'));
    const files = config.files as string[];
    const exclude = files.indexOf('!node_modules/@koromix/**');
    const include = files.indexOf('node_modules/@koromix/koffi-win32-x64/**');
    assert.ok(exclude >= 0 && include > exclude, 'all @koromix builds excluded, then win32-x64 included again');
  });
});
