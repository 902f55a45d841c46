/**
 * dev:wine's console dialogs with no console to answer them (started with
 * stdin at its end): every dialog is cancelled at once and says why, not only
 * the first (a reader made on ended input never closes).
 */
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { consoleDialogs } from '../../scripts/devDialogs';

describe('consoleDialogs on ended input', () => {
  it('cancels each dialog in turn, and says there is no input', async () => {
    const input = Readable.from([]);
    input.resume();
    await new Promise((resolve) => input.once('end', resolve));
    const output = new PassThrough();
    let said = '';
    output.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const dialogs = consoleDialogs({ prefix: '/tmp/prefix', reportsFolder: '/tmp/reports', input, output, cwd: '/tmp', onInterrupt: () => assert.fail('no Ctrl+C') });
    const answers = await Promise.race([
      Promise.all([dialogs({ kind: 'open' }), dialogs({ kind: 'open' }), dialogs({ kind: 'save', suggestedName: 'r.json', format: 'json' })]),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
    ]);
    assert.deepEqual(answers, [null, null, null]);
    assert.equal(said.match(/no input on this console/g)?.length, 3);
  });
});
