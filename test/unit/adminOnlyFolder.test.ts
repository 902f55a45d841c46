/**
 * Who may change the journal's folder, from its owner and DACL as Windows
 * reports them: only administrators, SYSTEM, TrustedInstaller and the
 * elevated process's own account may own it or hold a right that writes,
 * deletes or takes it over; read-only entries, denials, inherit-only entries
 * and CREATOR OWNER do not count, and a NULL DACL lets anyone in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminOnlyProblem, administratorSids, otherWriters } from '../../main/changes/adminOnlyFolder';
import type { AccessEntry } from '../../main/win32/advapi32';

const me = 'S-1-5-21-1-2-3-1001';
const trusted = [...administratorSids, me];
const allow = (sid: string, mask: number, flags = 0): AccessEntry => ({ type: 0, flags, mask, sid });
const FULL = 0x1f01ff;
const READ_EXECUTE = 0x1200a9;
const MODIFY = 0x1301bf;
const installerFolder = [allow('S-1-5-18', FULL, 3), allow('S-1-5-32-544', FULL, 3), allow('S-1-5-32-545', READ_EXECUTE, 3)];

describe('a folder only administrators can change', () => {
  it('is the folder the installer and the panel create: administrators own it, users read it', () => {
    assert.equal(adminOnlyProblem('C:\\x', { owner: 'S-1-5-32-544', entries: installerFolder }, trusted), null);
    assert.equal(adminOnlyProblem('C:\\x', { owner: me, entries: [allow(me, FULL)] }, trusted), null, 'owned by the elevated account itself');
  });

  it('ignores what cannot write: denials, inherit-only entries, CREATOR OWNER, read and attribute rights', () => {
    const entries = [
      ...installerFolder,
      { type: 1, flags: 0, mask: FULL, sid: 'S-1-1-0' },
      allow('S-1-5-32-545', MODIFY, 0x0b),
      allow('S-1-3-0', FULL, 0),
      allow('S-1-5-11', 0x100 | 0x10 | READ_EXECUTE),
    ];
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries }, trusted), []);
  });

  it('names every other account that may write, delete or take it over, and its owner when that is not an administrator', () => {
    for (const [mask, right] of [[0x2, 'add a file'], [0x4, 'add a folder'], [0x40, 'delete a child'], [0x10000, 'delete'], [0x40000, 'change permissions'], [0x80000, 'take ownership'], [0x10000000, 'generic all'], [0x40000000, 'generic write'], [MODIFY, 'modify']] as const) {
      assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: [...installerFolder, allow('S-1-5-32-545', mask)] }, trusted), ['Users (S-1-5-32-545)'], right);
    }
    const problem = adminOnlyProblem('C:\\ProgramData\\Panel\\Changes', { owner: 'S-1-5-21-9-9-9-1002', entries: [...installerFolder, allow('S-1-1-0', MODIFY)] }, trusted);
    assert.match(problem ?? '', /^The folder C:\\ProgramData\\Panel\\Changes can be changed by others than administrators \(it is owned by S-1-5-21-9-9-9-1002, not by administrators; Everyone \(S-1-1-0\) may write in it\)/);
    assert.match(problem ?? '', /Move that folder aside/);
  });

  it('refuses a folder without an access list, or whose owner or entry cannot be read', () => {
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: null }, trusted), ['anyone (the folder has no access list)']);
    assert.notEqual(adminOnlyProblem('C:\\x', { owner: null, entries: installerFolder }, trusted), null);
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: [{ type: 5, flags: 0, mask: FULL, sid: null }] }, trusted), ['an account the panel cannot read']);
  });
});
