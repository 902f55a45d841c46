import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverKinds } from '../../app/driverKinds';
import { answerWords, catalogueMessage, catalogueMessageNamed, messageCatalogue, messageNameFor, pointerRefusal, type CatalogueMessage, messageStructures } from '../../app/messageCatalogue';

function named(name: string): CatalogueMessage {
  const message = catalogueMessageNamed(name);
  assert.ok(message, `${name} is in the catalogue`);
  return message;
}

describe('the message catalogue', () => {
  it('has one message per name, and per number within a kind', () => {
    assert.equal(new Set(messageCatalogue.map((m) => m.name)).size, messageCatalogue.length);
    for (const kind of driverKinds) {
      const values = messageCatalogue.filter((m) => m.kind === null || m.kind === kind).map((m) => m.value);
      assert.equal(new Set(values).size, values.length, kind);
    }
  });

  it('reads a number by the kind of driver it goes to', () => {
    assert.equal(messageNameFor('vidc', 0x500a), 'ICM_CONFIGURE');
    assert.equal(messageNameFor('acm', 0x500a), 'DRV_USER+4106', "an audio codec's own message");
    assert.equal(messageNameFor('acm', 0x600b), 'ACMDM_DRIVER_ABOUT');
    assert.equal(catalogueMessage('wave', 8)?.name, 'DRV_QUERYCONFIGURE');
  });

  it('refuses every message whose pointer the host has no structure for, with what the pointer is for, and lets the others through', () => {
    assert.match(pointerRefusal(named('ICM_GETSTATE')) ?? '', /^ICM_GETSTATE cannot be sent: lParam1 is a pointer to a buffer for the codec's state, .*the panel has no such structure/);
    assert.match(pointerRefusal(named('ICM_COMPRESS_GET_FORMAT')) ?? '', /lParam1 is a pointer to a BITMAPINFO \(input\), and lParam2 is a pointer to a BITMAPINFO \(output\)/);
    for (const name of ['ICM_CONFIGURE', 'ICM_ABOUT', 'ACMDM_DRIVER_ABOUT', 'DRV_QUERYCONFIGURE', 'ICM_GETINFO', 'ACMDM_DRIVER_DETAILS', 'ACMDM_FORMATTAG_DETAILS', 'ICM_DECOMPRESS_QUERY', 'ICM_COMPRESS_QUERY']) {
      assert.equal(pointerRefusal(named(name)), null, name);
    }
    assert.deepEqual(messageStructures(named('ICM_COMPRESS_QUERY')), [
      { param: 1, structure: 'BITMAPINFOHEADER' },
      { param: 2, structure: 'BITMAPINFOHEADER' },
    ]);
    assert.deepEqual(messageStructures(named('ICM_GETINFO')), [{ param: 1, structure: 'ICINFO' }]);
    assert.deepEqual(messageStructures(named('ICM_ABOUT')), []);
    assert.match(pointerRefusal(named('DRV_CONFIGURE')) ?? '', /^DRV_CONFIGURE cannot be sent from here: .*use Configure… \(drivers-cli configure\)/);
    assert.match(pointerRefusal(named('DRV_OPEN')) ?? '', /Winmm sends it itself/);
    assert.equal(answerWords(named('DRV_INSTALL'), 2n), 'DRVCNF_RESTART (done; takes effect after Windows restarts)');
  });

  it("reads 0 from a codec as success, which a plain reading of 0 calls no", () => {
    const configure = named('ICM_CONFIGURE');
    assert.equal(answerWords(configure, 0n), 'ICERR_OK (success: yes, or done)');
    assert.equal(answerWords(configure, -1n), 'ICERR_UNSUPPORTED (an error: no, or not done)');
    assert.equal(answerWords(configure, 12345n), null, 'no ICERR_* value');
    const about = named('ACMDM_DRIVER_ABOUT');
    assert.equal(answerWords(about, 0n), 'MMSYSERR_NOERROR (success: yes, or done)');
    assert.equal(answerWords(about, 8n), 'MMSYSERR_NOTSUPPORTED (an error: no, or not done)');
    assert.equal(answerWords(named('DRV_QUERYCONFIGURE'), 0n), null, 'read by the panel\'s own rule instead');
  });
});
