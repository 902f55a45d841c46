/**
 * What the panel reads as "this driver has a configuration dialog". The seeds'
 * rule (DRV_QUERYCONFIGURE nonzero) says when Configure… must not be offered;
 * a video codec can also say no with a nonzero answer: VfW codecs send every
 * message they do not handle to a default branch that answers
 * ICERR_UNSUPPORTED (-1), and VfW programs read that as "not supported"
 * (Wine's Cinepak and MS Video 1 do so for DRV_QUERYCONFIGURE). For every
 * other kind, any nonzero answer is yes, as Windows' ACM code reads it.
 */
import { classifyAlias, type DriverKind } from './driverKinds';
import { isMinusOne } from './messages';

/** ICERR_UNSUPPORTED (vfw.h, -1, perhaps as a 32-bit answer) is what a VfW codec answers a message it does not handle. */
export function offersConfiguration(kind: DriverKind, raw: bigint): boolean {
  if (raw === 0n) return false;
  return !(kind === 'vidc' && isMinusOne(raw));
}

/** Whether `alias`'s DRV_QUERYCONFIGURE answer `raw` offers a dialog, and what a nonzero no means. */
export function readQueryConfigure(alias: string, raw: string): { offers: boolean; meaning: string | null } {
  const answer = BigInt(raw);
  const offers = offersConfiguration(classifyAlias(alias), answer);
  return { offers, meaning: offers || answer === 0n ? null : `ICERR_UNSUPPORTED: a video codec's "not supported"` };
}

/** "has no configuration dialog (DRV_QUERYCONFIGURE returned -1, ICERR_UNSUPPORTED: a video codec's "not supported")". */
export function configurationVerdict(alias: string, raw: string): string {
  const { offers, meaning } = readQueryConfigure(alias, raw);
  return `has ${offers ? 'a' : 'no'} configuration dialog (DRV_QUERYCONFIGURE returned ${raw}${meaning ? `, ${meaning}` : ''})`;
}
