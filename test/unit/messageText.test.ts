/** An LRESULT in hex, one way for the CLI and the panel's message console. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lresultHex } from '../../app/messageText';

describe('lresultHex', () => {
  it('writes an LRESULT as the SDK does, a negative one in two\'s complement at 64 bits', () => {
    assert.equal(lresultHex('0'), '0x0');
    assert.equal(lresultHex('568'), '0x238');
    assert.equal(lresultHex('-1'), '0xFFFFFFFFFFFFFFFF');
    assert.equal(lresultHex('-2147483648'), '0xFFFFFFFF80000000');
  });
});
