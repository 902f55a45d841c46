import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineSplitter, messageLine } from '../../main/host/hostPipe';

describe("the 32-bit host's pipe lines", () => {
  it('gives each message back whole, however the bytes are cut, a character split between chunks included', () => {
    const messages = [{ alias: 'vidc.ÄÖ', text: 'Zipped Motion Block Video — ü 🎞' }, { n: 2 }];
    const bytes = Buffer.from(messages.map(messageLine).join(''));
    for (let size = 1; size <= 7; size++) {
      const got: unknown[] = [];
      const push = lineSplitter((line) => got.push(JSON.parse(line)));
      for (let at = 0; at < bytes.length; at += size) push(bytes.subarray(at, at + size));
      assert.deepEqual(got, messages, `chunks of ${size} bytes`);
    }
  });

  it('keeps an unended line until its end comes', () => {
    const got: string[] = [];
    const push = lineSplitter((line) => got.push(line));
    push(Buffer.from('{"a":1'));
    assert.deepEqual(got, []);
    push(Buffer.from('}\n'));
    assert.deepEqual(got, ['{"a":1}']);
  });
});
