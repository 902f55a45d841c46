import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverKinds } from '../../app/driverKinds';
import { answerWords, catalogueMessage, catalogueMessageNamed, messageCatalogue, messageNameFor, pointerRefusal, type CatalogueMessage } from '../../app/messageCatalogue';

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

  it('refuses every pointer-taking message with what the pointer is for, and lets integer ones through', () => {
    assert.match(pointerRefusal(named('ICM_GETINFO')) ?? '', /^ICM_GETINFO cannot be sent with integer parameters: lParam1 is a pointer to an ICINFO, /);
    assert.match(pointerRefusal(named('ICM_DECOMPRESS_QUERY')) ?? '', /lParam1 is a pointer to a BITMAPINFO \(input\), and lParam2 is a pointer to a BITMAPINFO \(output\)/);
    for (const name of ['ICM_CONFIGURE', 'ICM_ABOUT', 'ACMDM_DRIVER_ABOUT', 'DRV_QUERYCONFIGURE']) assert.equal(pointerRefusal(named(name)), null, name);
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
