import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeNamed } from '../../main/changes/changeJournal';

const entries = [
  { id: '51e0c7a2-0000-4000-8000-000000000001', summary: 'Remove fx.a' },
  { id: '51e0d913-0000-4000-8000-000000000002', summary: 'Disable fx.b' },
  { id: '3d2a4f00-0000-4000-8000-000000000003', summary: 'Add msacm.c' },
];

describe('changeNamed (undo <id>)', () => {
  it('takes a whole id, or any start of one that names a single change, in any case', () => {
    assert.equal(changeNamed(entries, '51e0c7a2-0000-4000-8000-000000000001')?.summary, 'Remove fx.a');
    assert.equal(changeNamed(entries, '3d2a')?.summary, 'Add msacm.c');
    assert.equal(changeNamed(entries, '51E0D')?.summary, 'Disable fx.b');
    assert.equal(changeNamed(entries, 'ffff'), undefined);
  });

  it('refuses a start that several changes share, naming them', () => {
    assert.throws(() => changeNamed(entries, '51e0'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'invalid-request');
      assert.match(error.message, /^51e0 is the start of 2 changes: 51e0c7a2-.* \(Remove fx\.a\); 51e0d913-.* \(Disable fx\.b\)\. Give more of the id\.$/);
      return true;
    });
  });
});
