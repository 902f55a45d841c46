import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeExitCode, describeStage } from '../../app/faults';

describe('describeExitCode', () => {
  it('shows fault codes as NTSTATUS hex with their meaning, and small codes in decimal', () => {
    assert.equal(describeExitCode(3221225477), '0xC0000005 (access violation)');
    assert.equal(describeExitCode(-1073741819), '0xC0000005 (access violation)');
    assert.equal(describeExitCode(0xc0000135), '0xC0000135');
    assert.equal(describeExitCode(1), '1');
    assert.equal(describeExitCode(null), 'an unknown exit code');
  });
});

describe('describeStage', () => {
  it('names the step of a call a driver failed in', () => {
    assert.equal(describeStage('open', 8), 'OpenDriver (DRV_LOAD, DRV_ENABLE, DRV_OPEN)');
    assert.equal(describeStage('message', 8), 'DRV_QUERYCONFIGURE');
    assert.equal(describeStage('message', 0x4001), 'DRV_USER+1');
    assert.equal(describeStage('close', 8), 'CloseDriver (DRV_CLOSE, DRV_DISABLE, DRV_FREE)');
  });
});
