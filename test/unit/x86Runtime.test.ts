import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingRuntime } from '../../main/host/supervisor/hostPaths';

describe("the 32-bit host's runtime", () => {
  it('is said to be missing in words, naming the file and what to do', () => {
    const missing = '/nonexistent/runtime/win32-ia32/node.exe';
    assert.equal(missingRuntime(missing), `the 32-bit host's runtime is missing (${missing}); reinstall the panel (from the sources: tsx scripts/x86Runtime.ts)`);
  });

  it('is not missing when its Node is there', () => {
    assert.equal(missingRuntime(process.execPath), null);
  });
});
