/**
 * The lint rules that keep Electron in its glue, asked of ESLint itself with
 * the project's own configuration: code that imports Electron outside the
 * glue, or hands a URL to the shell, is an error.
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
  for (const path of ['app/drivers.ts', 'main/drivers/driverService.ts', 'main/host/driverHost.ts', 'main/state/stateStore.ts', 'main/cli/cli.ts', 'main/win32/kernel32.ts', 'main/bridge/bridgeHost.ts', 'main/contractHandlers.ts', 'renderer/App.tsx']) {
    it(`not in ${path}`, async () => {
      assert.ok((await rulesBroken(importsElectron, path)).includes('no-restricted-imports'));
    });
  }

  it('in the glue, such as main/window.ts', async () => {
    assert.ok(!(await rulesBroken(importsElectron, 'main/window.ts')).includes('no-restricted-imports'));
  });

  it('nowhere may a URL be handed to shell.openExternal', async () => {
    const code = "import { shell } from 'electron';\nexport const open = (url: string): Promise<void> => shell.openExternal(url);\n";
    assert.ok((await rulesBroken(code, 'main/window.ts')).includes('no-restricted-properties'));
  });
});
