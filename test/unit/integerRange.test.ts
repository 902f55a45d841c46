/**
 * The integer ranges of a driver message: what isInt64 and isUint32 accept is
 * exactly what survives a round trip through a 64-bit signed or a 32-bit
 * unsigned integer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { INT64_MAX, INT64_MIN, UINT32_MAX, isInt64, isUint32 } from '../../app/integerRange';

/** Values on both sides of every bound, and far beyond. */
const anyBigInt = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.constantFrom(-1n, 0n, 1n).chain((step) => fc.constantFrom(INT64_MIN + step, INT64_MAX + step, BigInt(UINT32_MAX) + step, step)),
);

describe('isInt64', () => {
  it('accepts exactly -2^63 … 2^63 - 1', () => {
    assert.equal(INT64_MIN, -9223372036854775808n);
    assert.equal(INT64_MAX, 9223372036854775807n);
    assert.ok(isInt64(INT64_MIN) && isInt64(INT64_MAX) && isInt64(0n));
    assert.ok(!isInt64(INT64_MIN - 1n) && !isInt64(INT64_MAX + 1n));
  });

  it('agrees with BigInt.asIntN(64)', () => {
    fc.assert(fc.property(anyBigInt, (value) => assert.equal(isInt64(value), BigInt.asIntN(64, value) === value, `${value}`)));
  });
});

describe('isUint32', () => {
  it('accepts exactly 0 … 0xFFFFFFFF', () => {
    assert.equal(UINT32_MAX, 0xffffffff);
    assert.ok(isUint32(0n) && isUint32(0xffffffffn));
    assert.ok(!isUint32(-1n) && !isUint32(0x100000000n));
  });

  it('agrees with BigInt.asUintN(32)', () => {
    fc.assert(fc.property(anyBigInt, (value) => assert.equal(isUint32(value), BigInt.asUintN(32, value) === value, `${value}`)));
  });
});
