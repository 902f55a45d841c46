/**
 * Where Add driver puts a file: the view its machine is built for and that
 * view's system folder, a --view that disagrees refused before anything is
 * written; and how the dialog says so, with the aliases taken in that view.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriverError } from '../../app/driverError';
import { additionPlace, additionView, destinationOf } from '../../main/changes/additionPlace';
import { additionPlace as dialogPlace, aliasesByView, alreadyRegistered } from '../../renderer/additionPlace';
import { driverEntry } from './driverEntry';

const systemDirectories = { '64-bit': 'C:\\Windows\\System32', '32-bit': 'C:\\Windows\\SysWOW64' } as const;

describe('additionPlace', () => {
  it('puts an x64 driver into System32 and the 64-bit view, an x86 one into SysWOW64 and the 32-bit view', () => {
    assert.deepEqual(additionPlace('D:\\codecs\\lameacm.acm', '64-bit', null, systemDirectories), {
      view: '64-bit',
      systemDirectory: 'C:\\Windows\\System32',
      destination: 'C:\\Windows\\System32\\lameacm.acm',
    });
    assert.deepEqual(additionPlace('D:\\codecs\\x86\\zmbv.dll', '32-bit', null, systemDirectories), {
      view: '32-bit',
      systemDirectory: 'C:\\Windows\\SysWOW64',
      destination: 'C:\\Windows\\SysWOW64\\zmbv.dll',
    });
  });

  it('takes a --view that agrees with the file', () => {
    assert.equal(additionView('zmbv.dll', '32-bit', '32-bit'), '32-bit');
    assert.equal(additionView('lameacm.acm', '64-bit', '64-bit'), '64-bit');
    assert.equal(additionPlace('C:\\in\\zmbv.dll', '32-bit', '32-bit', systemDirectories).destination, 'C:\\Windows\\SysWOW64\\zmbv.dll');
  });

  it('refuses a --view that disagrees with the file, naming both, as a request to correct', () => {
    const refusal = (built: '64-bit' | '32-bit', asked: '64-bit' | '32-bit'): DriverError => {
      try {
        additionPlace('D:\\codecs\\zmbv.dll', built, asked, systemDirectories);
      } catch (error) {
        assert.ok(error instanceof DriverError);
        return error;
      }
      assert.fail('accepted');
    };
    const wrong64 = refusal('32-bit', '64-bit');
    assert.equal(wrong64.code, 'invalid-request');
    assert.match(wrong64.message, /^D:\\codecs\\zmbv\.dll is a 32-bit \(x86\) driver; --view 64 asks for a 64-bit \(x64\) driver\. Nothing was changed\./);
    assert.match(wrong64.message, /without --view \(it goes where 32-bit programs load it\), or choose the file built for 64-bit programs\.$/);
    assert.match(refusal('64-bit', '32-bit').message, /is a 64-bit \(x64\) driver; --view 32 asks for a 32-bit \(x86\) driver/);
  });

  it('keeps the file name and nothing of the source folder', () => {
    assert.equal(destinationOf({ source: 'C:\\Users\\me\\Downloads\\XVIDVFW.DLL', systemDirectory: 'D:\\WINNT\\SysWOW64' }), 'D:\\WINNT\\SysWOW64\\XVIDVFW.DLL');
  });
});

describe('the Add driver dialog', () => {
  it('says which view and folder the file goes into, and nothing for a file that cannot be added', () => {
    assert.equal(
      dialogPlace({ view: '32-bit', destination: 'C:\\Windows\\SysWOW64\\zmbv.dll' }),
      'A 32-bit (x86) driver, for 32-bit programs: copied to C:\\Windows\\SysWOW64\\zmbv.dll and registered in Drivers32 of 32-bit programs (WOW6432Node).',
    );
    assert.equal(
      dialogPlace({ view: '64-bit', destination: 'C:\\Windows\\System32\\lameacm.acm' }),
      'A 64-bit (x64) driver, for 64-bit programs: copied to C:\\Windows\\System32\\lameacm.acm and registered in Drivers32.',
    );
    assert.equal(dialogPlace({ view: null, destination: null }), null);
  });

  it('suggests aliases against those taken in the file\'s own view, disabled ones included', () => {
    const drivers = [
      driverEntry('msacm.lameacm', 'acm'),
      driverEntry('vidc.ZMBV', 'vidc', { id: '32-bit:vidc.ZMBV', view: '32-bit' }),
      driverEntry('vidc.XVID', 'vidc', { id: '32-bit:vidc.XVID:panel', view: '32-bit', disabledBy: 'panel' }),
    ];
    assert.deepEqual(aliasesByView(drivers), { '64-bit': ['msacm.lameacm'], '32-bit': ['vidc.ZMBV', 'vidc.XVID'] });
    assert.deepEqual(aliasesByView([]), { '64-bit': [], '32-bit': [] });
  });
});

describe('alreadyRegistered', () => {
  const chosen = { name: 'fxagain.acm', view: '64-bit' as const, destinationDiffers: false };
  it('says under which aliases the file is registered already, a long list cut short', () => {
    assert.equal(alreadyRegistered({ ...chosen, registeredAs: [] }), null);
    assert.match(alreadyRegistered({ ...chosen, registeredAs: ['msacm.fxagain'] }) ?? '', /^fxagain\.acm is already registered in the 64-bit view, as msacm\.fxagain\. Adding it again/);
    const many = alreadyRegistered({ ...chosen, registeredAs: ['a', 'b (disabled)', 'c', 'd', 'e'] }) ?? '';
    assert.match(many, /, as a, b \(disabled\), c and 2 more\./);
  });

  it('says when the registered file is another one, which adding this one would replace', () => {
    assert.match(alreadyRegistered({ ...chosen, destinationDiffers: true, registeredAs: ['msacm.fxagain'] }) ?? '', /^A different fxagain\.acm is registered in the 64-bit view, as msacm\.fxagain\. Adding this one would replace that file for them too/);
  });

  it('says nothing of a file that cannot be added', () => {
    assert.equal(alreadyRegistered({ ...chosen, view: null, registeredAs: ['msacm.fxagain'] }), null);
  });
});
