/**
 * Who may change the journal's folder and what is in it, from an owner and
 * DACL as Windows reports them: only administrators, SYSTEM and
 * TrustedInstaller (and, under Wine only, its one user) may own it or hold a
 * right that writes, deletes or takes it over, also one that only what is
 * created inside inherits; read-only entries, denials and CREATOR OWNER do
 * not count, and a NULL DACL lets anyone in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminOnlyProblem, administratorSids, otherWriters } from '../../main/changes/adminOnlyFolder';
import type { AccessEntry } from '../../main/win32/advapi32';

const wineUser = 'S-1-5-21-0-0-0-1000';
const trusted = [...administratorSids, wineUser];
const allow = (sid: string, mask: number, flags = 0): AccessEntry => ({ type: 0, flags, mask, sid });
const FULL = 0x1f01ff;
const READ_EXECUTE = 0x1200a9;
const MODIFY = 0x1301bf;
const installerFolder = [allow('S-1-5-18', FULL, 3), allow('S-1-5-32-544', FULL, 3), allow('S-1-5-32-545', READ_EXECUTE, 3)];

describe('a folder only administrators can change', () => {
  it('is the folder the installer and the panel create: administrators own it, users read it', () => {
    assert.equal(adminOnlyProblem('C:\\x', 'C:\\x', { owner: 'S-1-5-32-544', entries: installerFolder }, trusted), null);
    assert.equal(adminOnlyProblem('C:\\x', 'C:\\x', { owner: wineUser, entries: [allow(wineUser, FULL)] }, trusted), null, "owned by an account the caller trusts (Wine's one user)");
    assert.notEqual(adminOnlyProblem('C:\\x', 'C:\\x', { owner: wineUser, entries: [allow(wineUser, FULL)] }, administratorSids), null, 'which on Windows is not an administrator');
  });

  it('ignores what cannot write: denials, CREATOR OWNER, read and attribute rights', () => {
    const entries = [...installerFolder, { type: 1, flags: 0, mask: FULL, sid: 'S-1-1-0' }, allow('S-1-3-0', FULL, 0x0b), allow('S-1-5-11', 0x100 | 0x10 | READ_EXECUTE)];
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries }, trusted), []);
  });

  it('counts what only the files created inside inherit: the journal and the kept driver files would be theirs to change', () => {
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: [...installerFolder, allow('S-1-5-32-545', MODIFY, 0x0b)] }, trusted), ['Users (S-1-5-32-545)']);
  });

  it('names every other account that may write, delete or take it over, and its owner when that is not an administrator', () => {
    for (const [mask, right] of [[0x2, 'add a file'], [0x4, 'add a folder'], [0x40, 'delete a child'], [0x10000, 'delete'], [0x40000, 'change permissions'], [0x80000, 'take ownership'], [0x10000000, 'generic all'], [0x40000000, 'generic write'], [MODIFY, 'modify']] as const) {
      assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: [...installerFolder, allow('S-1-5-32-545', mask)] }, trusted), ['Users (S-1-5-32-545)'], right);
    }
    const folder = 'C:\\ProgramData\\Panel\\Changes';
    const problem = adminOnlyProblem(folder, folder, { owner: 'S-1-5-21-9-9-9-1002', entries: [...installerFolder, allow('S-1-1-0', MODIFY)] }, trusted);
    assert.match(problem ?? '', /^The folder C:\\ProgramData\\Panel\\Changes can be changed by others than administrators \(it is owned by S-1-5-21-9-9-9-1002, not by administrators; Everyone \(S-1-1-0\) may change it\)/);
    assert.match(problem ?? '', /Move that folder aside/);
    const journal = adminOnlyProblem(`${folder}\\changes.json`, folder, { owner: 'S-1-5-32-544', entries: [allow('S-1-1-0', FULL)] }, trusted);
    assert.match(journal ?? '', /^C:\\ProgramData\\Panel\\Changes\\changes\.json, in the folder C:\\ProgramData\\Panel\\Changes, can be changed by others than administrators \(Everyone \(S-1-1-0\) may change it\)/);
  });

  it('refuses a folder without an access list, or whose owner or entry cannot be read', () => {
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: null }, trusted), ['anyone (it has no access list)']);
    assert.notEqual(adminOnlyProblem('C:\\x', 'C:\\x', { owner: null, entries: installerFolder }, trusted), null);
    assert.deepEqual(otherWriters({ owner: 'S-1-5-32-544', entries: [{ type: 5, flags: 0, mask: FULL, sid: null }] }, trusted), ['an account the panel cannot read']);
  });
});
