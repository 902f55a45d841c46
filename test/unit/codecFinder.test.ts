import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodecIdentity } from '../../app/codecIdentity';
import { parseCodecQuery } from '../../app/codecQuery';
import type { DriverEntry } from '../../app/drivers';
import { DriverError } from '../../app/driverError';
import { findCodecs, type FinderParts } from '../../main/service/codecFinder';
import type { Admitted } from '../../main/service/admission';
import { driverEntry } from './driverEntry';

const mp3: CodecIdentity = { kind: 'acm', details: null, formatTags: [{ tag: 0x55, name: 'MPEG Layer-3' }] };
const probe = (alias: string, identity: CodecIdentity | null) => ({ alias, raw: '1', configurable: true, loadedPath: null, identity, durationMs: 1, at: '2026-12-07T00:00:00.000Z' });
const quarantine = { alias: 'msacm.old', file: null, message: 8, stage: 'message' as const, what: 'crashed' as const, exitCode: 0xc0000005, at: '2026-12-07T00:00:00.000Z' };

/** The finder's own rules over a listing; the driver calls answer as `answers` says. */
function parts(drivers: DriverEntry[], answers: Record<string, bigint | 'refused' | DriverError>): FinderParts {
  return {
    listing: () => Promise.resolve({ drivers, notices: [] }),
    admit: (alias, view) => Promise.resolve({ id: `${view}:${alias}`, alias, view, value: '', file: null } satisfies Admitted),
    formatQuery: (admitted, direction) => {
      const answer = answers[`${admitted.alias} ${direction}`] ?? -2n;
      return typeof answer === 'object' ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

describe('findCodecs (which codec handles…)', () => {
  it("does not take a quarantined codec at the word of the probe it answered before", async () => {
    const drivers = [
      driverEntry('msacm.fine', 'acm', { probe: probe('msacm.fine', mp3) }),
      driverEntry('msacm.old', 'acm', { probe: probe('msacm.old', mp3), quarantine, status: 'quarantined' }),
    ];
    const result = await findCodecs(parts(drivers, {}), parseCodecQuery('0x55') ?? assert.fail());
    assert.deepEqual(result.matches.map((m) => m.alias), ['msacm.fine']);
    assert.deepEqual(result.unasked.map((u) => u.alias), ['msacm.old']);
  });

  it("keeps a video codec's yes to one query when the other failed, and says which failed", async () => {
    const drivers = [driverEntry('vidc.half', 'vidc', { probe: probe('vidc.half', null) })];
    const answers = { 'vidc.half decompress': 0n, 'vidc.half compress': new DriverError('driver-not-responding', 'vidc.half did not answer ICM_COMPRESS_QUERY within 0.1 s') };
    const result = await findCodecs(parts(drivers, answers), parseCodecQuery('HALF') ?? assert.fail());
    assert.deepEqual(result.matches.map((m) => [m.alias, m.decompresses, m.compresses]), [['vidc.half', true, false]]);
    assert.match(result.matches[0]?.evidence ?? '', /^ICM_DECOMPRESS_QUERY answered ICERR_OK; ICM_COMPRESS_QUERY not answered: vidc\.half did not answer/);
  });
});
