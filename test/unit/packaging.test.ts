/**
 * electron-builder.yml, checked against electron-builder's own configuration
 * schema; what it packs is asked of electron-builder in test/wine/packagedApp.test.ts.
 */
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

  it('ships koffi as the only run-time dependency; everything else is bundled', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    assert.deepEqual(Object.keys(pkg.dependencies), ['koffi']);
    assert.equal(pkg.main, 'dist/main/index.js');
  });
});
