import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRV_CONFIGURE, DRV_QUERYCONFIGURE, DRV_USER, decodeConfigResult, isSendableMessage, messageName } from '../../app/messages';
import { UINT32_MAX } from '../../app/integerRange';

describe('decodeConfigResult', () => {
  it('decodes DRVCNF_CANCEL, DRVCNF_OK and DRVCNF_RESTART', () => {
    assert.equal(decodeConfigResult(0n), 'cancel');
    assert.equal(decodeConfigResult(1n), 'ok');
    assert.equal(decodeConfigResult(2n), 'restart');
  });

  it('reads -1 (a default branch\'s "not handled") as not supported, never as done, also as a 32-bit answer a 64-bit caller zero-extends', () => {
    assert.equal(decodeConfigResult(-1n), 'unsupported');
    assert.equal(decodeConfigResult(BigInt(UINT32_MAX)), 'unsupported');
  });

  it('counts any other nonzero answer as done, as the Drivers applet did', () => {
    assert.equal(decodeConfigResult(-2n), 'ok');
    assert.equal(decodeConfigResult(0x7fffffffn), 'ok');
    assert.equal(decodeConfigResult(BigInt(UINT32_MAX) + 1n), 'ok');
  });
});

describe('messageName', () => {
  it('names standard, user and unknown messages', () => {
    assert.equal(messageName(DRV_CONFIGURE), 'DRV_CONFIGURE');
    assert.equal(messageName(DRV_USER), 'DRV_USER+0');
    assert.equal(messageName(DRV_USER + 12), 'DRV_USER+12');
    assert.equal(messageName(0x0123), '0x0123');
  });
});

describe('isSendableMessage', () => {
  it('allows DRV_QUERYCONFIGURE and messages from DRV_RESERVED up, and nothing of Winmm lifecycle', () => {
    assert.ok(isSendableMessage(DRV_QUERYCONFIGURE));
    assert.ok(isSendableMessage(0x0800));
    assert.ok(isSendableMessage(DRV_USER + 1));
    assert.ok(isSendableMessage(0xffffffff));
    for (const message of [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 0x7ff]) assert.ok(!isSendableMessage(message), String(message));
  });
});
