/**
 * What an attacker or a confused script passes where an alias or a number is
 * expected, shared by the contract fuzz and the CLI fuzz so that both try the
 * same paths, case variants, NULs and sizes.
 */
import fc from 'fast-check';

/** Paths in every Windows spelling, aliases that name a file, near-misses of real aliases. */
export const hostilePaths = [
  'C:\\windows\\system32\\fixture.dll',
  'C:\\windows\\system32\\fxevil.dll',
  '..\\fixture.dll',
  '..\\..\\windows\\system32\\fixture.dll',
  '\\\\?\\C:\\windows\\system32\\fixture.dll',
  '\\\\127.0.0.1\\c$\\windows\\system32\\fixture.dll',
  '\\\\server\\share\\codec.dll',
  'fixture.dll',
  'fxcanary x',
  'fxcanary',
  'fx.plain\0C:\\x.dll',
  'fx.plain ',
  ' fx.plain',
  'FX.PLAIN',
] as const;

/** Text for a 64-bit LPARAM: in range, out of range, and not a number at all. */
export const int64Text = fc.oneof(
  { arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), weight: 6 },
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom('', ' 1', '1e3', '0x10', '-0', 'NaN', '9'.repeat(400), '0xFFFFFFFFFFFFFFFF', '-0x8000000000000000'),
  fc.string({ maxLength: 30 }),
);

/** Any short text, also outside the Basic Multilingual Plane and with control characters. */
export const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 40 }));
