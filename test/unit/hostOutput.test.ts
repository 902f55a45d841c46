import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { outputMark } from '../../main/host/hostProtocol';
import { HostOutputReader, LINE_BYTES, LINES_PER_CALL, type DriverOutput } from '../../main/host/supervisor/hostOutput';

const host = 'Local\\MultimediaDriversPanel.5f0c';
const mark = (alias: string | null): Buffer => outputMark(host, alias ?? '');

/** Reads `parts` in the chunks given, then the stream's end. */
function read(...chunks: Array<Buffer | string>): DriverOutput[] {
  const lines: DriverOutput[] = [];
  const reader = new HostOutputReader(host, (line) => lines.push(line));
  for (const chunk of chunks) reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  reader.end();
  return lines;
}

describe('HostOutputReader', () => {
  it('names each line after the call whose mark came before it, and the host between calls', () => {
    assert.deepEqual(read('starting\r\n', mark('fx.a'), 'from a\r\n', mark('fx.b'), 'from b\n', mark(null), 'the host again\n'), [
      { alias: null, text: 'starting' },
      { alias: 'fx.a', text: 'from a' },
      { alias: 'fx.b', text: 'from b' },
      { alias: null, text: 'the host again' },
    ]);
  });

  it('ends a line that a mark or the end of the stream cut short under the call that wrote it', () => {
    assert.deepEqual(read(mark('fx.a'), 'no line end', mark(null), 'nor here'), [
      { alias: 'fx.a', text: 'no line end' },
      { alias: null, text: 'nor here' },
    ]);
  });

  it('finds a mark split across chunks anywhere, byte by byte', () => {
    const stream = Buffer.concat([Buffer.from('before\n'), mark('fx.split'), Buffer.from('after\n')]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i], end));
        assert.deepEqual(read(...chunks), [
          { alias: null, text: 'before' },
          { alias: 'fx.split', text: 'after' },
        ]);
      }),
      { numRuns: 300, seed: 20261208 },
    );
  });

  it('keeps a driver\'s own NULs and would-be marks as text: without the host\'s name they are not marks', () => {
    assert.deepEqual(read(mark('fx.a'), 'a\0b\0c\n', '\0Local\\Other:fx.b\0 forged\n', '\0', mark('fx.c'), 'c\n'), [
      { alias: 'fx.a', text: 'a\0b\0c' },
      { alias: 'fx.a', text: '\0Local\\Other:fx.b\0 forged' },
      { alias: 'fx.a', text: '\0' },
      { alias: 'fx.c', text: 'c' },
    ]);
  });

  it('cuts a long line and says how much of it was cut', () => {
    const [line] = read(mark('fx.long'), 'x'.repeat(LINE_BYTES + 500), '\r\n');
    assert.deepEqual(line, { alias: 'fx.long', text: `${'x'.repeat(LINE_BYTES)}… (501 more bytes of this line cut)` });
  });

  it('keeps at most so many lines of a call, says how many more were cut, and starts afresh with the next call', () => {
    const flood = 'line\n'.repeat(LINES_PER_CALL + 40);
    const lines = read(mark('fx.flood'), flood, mark('fx.next'), 'next\n');
    assert.equal(lines.length, LINES_PER_CALL + 2);
    assert.deepEqual(lines.at(-2), { alias: 'fx.flood', text: `… 40 more lines of output cut: at most ${LINES_PER_CALL} lines of a call are kept` });
    assert.deepEqual(lines.at(-1), { alias: 'fx.next', text: 'next' });
  });

  it('cuts a line of megabytes to a line\'s worth', () => {
    const lines: DriverOutput[] = [];
    const reader = new HostOutputReader(host, (line) => lines.push(line));
    reader.push(mark('fx.mega'));
    for (let i = 0; i < 64; i++) reader.push(Buffer.alloc(64 * 1024, 'F'));
    reader.end();
    assert.deepEqual(lines, [{ alias: 'fx.mega', text: `${'F'.repeat(LINE_BYTES)}… (${64 * 64 * 1024 - LINE_BYTES} more bytes of this line cut)` }]);
  });
});
