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
