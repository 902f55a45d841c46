/**
 * The alias rule as a request meets it (checkAliasShape): the same rule as
 * the listing's (aliasProblem, tested with the catalog), so that an alias the
 * listing would not open is never looked up either.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_ALIAS_LENGTH, aliasProblem, checkAliasShape } from '../../app/aliases';
import { DriverError } from '../../app/driverError';
import { anyText, hostilePaths } from '../fuzz/hostileText';

/** What checkAliasShape did: the alias it let through, or the failure it threw. */
function checked(alias: unknown): { alias: string } | { code: string; message: string } {
  try {
    return { alias: checkAliasShape(alias) };
  } catch (error) {
    assert.ok(error instanceof DriverError, 'only a DriverError');
    return { code: error.code, message: error.message };
  }
}

const whatAnAliasIs = { code: 'invalid-alias', message: `A driver alias is a name of 1 to ${MAX_ALIAS_LENGTH} characters, such as msacm.imaadpcm.` };

describe('checkAliasShape', () => {
  it('lets a plain alias through unchanged', () => {
    for (const alias of ['msacm.imaadpcm', 'vidc.MJPG', 'wavemapper', 'x'.repeat(MAX_ALIAS_LENGTH)]) assert.deepEqual(checked(alias), { alias });
  });

  it('answers a missing, empty or too long alias with what an alias is', () => {
    for (const alias of [undefined, null, 7, '', 'x'.repeat(MAX_ALIAS_LENGTH + 1)]) assert.deepEqual(checked(alias), whatAnAliasIs, String(alias));
  });

  it('says what is wrong with an alias that looks like a file', () => {
    assert.deepEqual(checked('C:\\x\\evil.dll'), {
      code: 'invalid-alias',
      message: '"C:\\x\\evil.dll" looks like a file path, and Winmm could load that file instead of a registered driver. Only registered driver aliases can be opened.',
    });
    assert.match((checked('canary x') as { message: string }).message, /^"canary x" contains a space/);
  });

  it('lets through exactly the aliases the listing may open', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...hostilePaths)), (alias) => {
        const result = checked(alias);
        assert.equal('alias' in result, aliasProblem(alias) === null, JSON.stringify(alias));
        if ('code' in result) assert.equal(result.code, 'invalid-alias');
      }),
    );
  });
});
