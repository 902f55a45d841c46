import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { printable, printed } from '../../app/printableText';

/** What a terminal or a log viewer acts on instead of showing: C0, DEL, C1, the line separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const actedOn = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('shows every control character as an escape', () => {
    assert.equal(printable('fx.\x1b[31mred\x1b[0m'), 'fx.\\x1b[31mred\\x1b[0m');
    assert.equal(printable('a\r\nfx.forged  acm  64-bit'), 'a\\r\\nfx.forged  acm  64-bit');
    assert.equal(printable('tab\there\0nul\x7fdel'), 'tab\\there\\x00nul\\x7fdel');
    assert.equal(printable('\u009b31m csi \u0085 nel'), '\\x9b31m csi \\x85 nel');
    assert.equal(printable('invoice\u202efdp.exe \u2066isolated\u2069 \u200f \u2028'), 'invoice\\u202efdp.exe \\u2066isolated\\u2069 \\u200f \\u2028');
  });

  it('leaves ordinary text alone: paths with backslashes, accents, other scripts, emoji', () => {
    for (const text of ['C:\\windows\\system32\\imaadp32.acm', 'Codec für Sprache', 'Кодек', '编解码器', 'ملف', '🎵 codec']) assert.equal(printable(text), text);
  });

  it('leaves nothing a terminal acts on, and escaping twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const once = printable(text);
        assert.doesNotMatch(once, actedOn);
        assert.equal(printable(once), once);
      }),
      { numRuns: 2000, seed: 20261208 },
    );
  });
});

describe('printed', () => {
  it('keeps the layout of the template and escapes its values', () => {
    assert.equal(printed`${'fx.a\r\nforged'} answered ${-1} with ${2n}.\n`, 'fx.a\\r\\nforged answered -1 with 2.\n');
    assert.equal(printed`plain`, 'plain');
  });
});
