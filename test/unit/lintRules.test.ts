/**
 * The lint rules that keep Electron in its glue and each rule with its one
 * owner, asked of ESLint itself with the project's own configuration: code
 * that imports Electron outside the glue, hands a URL to the shell, or writes
 * an owned idiom outside its owner, is an error.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
async function rulesBroken(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const importsElectron = "import { app } from 'electron';\nexport const name = app.getName();\n";

describe('where Electron may be imported', () => {
  for (const path of ['app/drivers.ts', 'main/service/driverService.ts', 'main/host/process/driverHost.ts', 'main/host/supervisor/hostSupervisor.ts', 'main/state/stateStore.ts', 'main/cli/cli.ts', 'main/win32/kernel32.ts', 'main/window/securityPolicy.ts', 'bench/bridge/bridgeHost.ts', 'main/contract/contractHandlers.ts', 'renderer/App.tsx']) {
    it(`not in ${path}`, async () => {
      assert.ok((await rulesBroken(importsElectron, path)).includes('no-restricted-imports'));
    });
  }

  it('anywhere in the glue folder main/electron/, also in a file added later', async () => {
    for (const path of ['main/electron/window.ts', 'main/electron/notYetWritten.ts']) {
      assert.ok(!(await rulesBroken(importsElectron, path)).includes('no-restricted-imports'), path);
    }
  });

  it('nowhere may a URL be handed to shell.openExternal', async () => {
    const code = "import { shell } from 'electron';\nexport const open = (url: string): Promise<void> => shell.openExternal(url);\n";
    assert.ok((await rulesBroken(code, 'main/electron/window.ts')).includes('no-restricted-properties'));
  });
});

describe('one owner per rule', () => {
  const cases: Array<{ idiom: string; code: string; owners: string[] }> = [
    { idiom: 'a view written out', code: "export const view = '32-bit';\n", owners: ['app/views.ts'] },
    { idiom: 'a view written out in another case', code: "export const view = '64-Bit';\n", owners: ['app/views.ts'] },
    { idiom: 'the 64-bit bound', code: 'export const max = 2n ** 63n - 1n;\n', owners: ['app/integerRange.ts'] },
    { idiom: 'the 32-bit bound', code: 'export const max = 0xffffffff;\n', owners: ['app/integerRange.ts'] },
    {
      idiom: 'the alias length rule',
      code: 'declare const MAX_ALIAS_LENGTH: number;\nexport const tooLong = (alias: string): boolean => alias.length > MAX_ALIAS_LENGTH;\n',
      owners: ['app/aliases.ts'],
    },
    {
      idiom: 'a check of rights',
      code: "declare function elevationProblem(channel: string): string | null;\nexport const problem = elevationProblem('installDriver');\n",
      owners: ['main/contract/contractHandlers.ts', 'main/cli/cli.ts', 'renderer/components/AdminGate.tsx'],
    },
  ];
  const elsewhere = ['main/cli/cliArgs.ts', 'main/changes/driverAddition.ts', 'main/catalog/driverScanner.ts', 'main/service/driverService.ts', 'renderer/App.tsx', 'app/drivers.ts', 'bench/bridge/bridgeHost.ts'];

  for (const { idiom, code, owners } of cases) {
    it(`${idiom}: only in ${owners.join(', ')}`, async () => {
      for (const path of owners) assert.ok(!(await rulesBroken(code, path)).includes('no-restricted-syntax'), path);
      for (const path of elsewhere) assert.ok((await rulesBroken(code, path)).includes('no-restricted-syntax'), path);
    });
  }

  it('the errorText idiom stays guarded everywhere, tests included, and in the other owners', async () => {
    const code = "export const text = (error: unknown): string => (error instanceof Error ? error.message : '');\n";
    assert.ok(!(await rulesBroken(code, 'app/errorText.ts')).includes('no-restricted-syntax'));
    for (const path of ['app/views.ts', 'main/cli/cli.ts', 'test/unit/cli.test.ts']) assert.ok((await rulesBroken(code, path)).includes('no-restricted-syntax'), path);
  });

  it('tests may state the views and bounds themselves', async () => {
    assert.ok(!(await rulesBroken("export const view = '32-bit';\nexport const max = 2n ** 63n;\n", 'test/unit/cli.test.ts')).includes('no-restricted-syntax'));
  });
});
