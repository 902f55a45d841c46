import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAlias, int64String } from '../../app/drivers';

describe('classifyAlias', () => {
  it('maps the Drivers32 naming conventions to kinds', () => {
    assert.equal(classifyAlias('msacm.imaadpcm'), 'acm');
    assert.equal(classifyAlias('MSACM.L3ACM'), 'acm');
    assert.equal(classifyAlias('vidc.cvid'), 'vidc');
    assert.equal(classifyAlias('wave'), 'wave');
    assert.equal(classifyAlias('wave1'), 'wave');
    assert.equal(classifyAlias('midi9'), 'midi');
    assert.equal(classifyAlias('aux2'), 'aux');
    assert.equal(classifyAlias('mixer'), 'mixer');
    assert.equal(classifyAlias('wavemapper'), 'wave');
    assert.equal(classifyAlias('midimapper'), 'midi');
  });

  it('calls everything else other, including near misses', () => {
    assert.equal(classifyAlias('msvideo'), 'other');
    assert.equal(classifyAlias('waveout'), 'other');
    assert.equal(classifyAlias('wave.x'), 'other');
    assert.equal(classifyAlias('msacm'), 'other');
    assert.equal(classifyAlias('vids.iv50'), 'other');
  });
});

describe('int64String', () => {
  it('accepts the signed 64-bit range exactly', () => {
    assert.ok(int64String.safeParse('-9223372036854775808').success);
    assert.ok(int64String.safeParse('9223372036854775807').success);
    assert.ok(!int64String.safeParse('9223372036854775808').success);
    assert.ok(!int64String.safeParse('0x10').success);
    assert.ok(!int64String.safeParse('').success);
  });
});
