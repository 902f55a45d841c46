/**
 * "Which codec handles…": every codec in both views asked about one format.
 * Video codecs are asked, one driver per host call under the usual deadlines
 * and quarantine; audio codecs answer from the format tags they listed when
 * probed (the listing probes those it has no answer from).
 */
import type { CodecMatch, CodecQuery, CodecQueryResult } from '../../app/codecQuery';
import { formatTagText } from '../../app/codecWords';
import { bestName } from '../../app/driverNames';
import type { DriverEntry, DriverListing } from '../../app/drivers';
import { errorText } from '../../app/errorText';
import { icerrName } from '../../app/messageCatalogue';
import type { RegistryView } from '../../app/views';
import type { Admitted } from './admission';

export interface FinderParts {
  /** Every registration, each codec probed (for its format tags) unless quarantined. */
  listing(): Promise<DriverListing>;
  admit(alias: string, view: RegistryView): Promise<Admitted>;
  formatQuery(admitted: Admitted, direction: 'decompress' | 'compress', fourcc: string): Promise<bigint | 'refused'>;
}

type Asked = { match: CodecMatch | null } | { why: string };

/** Why a codec was not asked, or null when it may be. */
function notAskable(driver: DriverEntry): string | null {
  if (driver.quarantine) return 'quarantined: it is not opened until a person tries it again';
  if (driver.status !== 'ok') return driver.statusDetail ?? driver.status;
  if (!driver.openable) return 'the panel does not open this registration';
  return null;
}

/** A tag's name as it is matched: letters and digits, any case ("MPEG Layer-3" and "mpeg layer 3" are one). */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function audioMatch(driver: DriverEntry, query: CodecQuery): CodecMatch | null {
  const identity = driver.probe?.identity;
  if (identity?.kind !== 'acm') return null;
  const wanted = query.tagName === null ? null : letters(query.tagName);
  const tag = identity.formatTags.find((t) => t.tag === query.tag || (wanted !== null && wanted !== '' && letters(t.name).includes(wanted)));
  if (!tag) return null;
  // The tags an ACM codec lists are those it converts between; which way, its list does not say.
  return { ...named(driver), decompresses: null, compresses: null, evidence: `converts format tag ${formatTagText(tag)} (ACMDM_FORMATTAG_DETAILS)` };
}

function named(driver: DriverEntry): Pick<CodecMatch, 'id' | 'alias' | 'view' | 'name'> {
  return { id: driver.id, alias: driver.alias, view: driver.view, name: bestName(driver) };
}

/** ICERR_OK is yes; anything else (ICERR_BADFORMAT, ICERR_UNSUPPORTED) is no. */
function answerText(message: 'ICM_DECOMPRESS_QUERY' | 'ICM_COMPRESS_QUERY', answer: bigint | 'refused'): string {
  if (answer === 'refused') return `refused to open for ${message === 'ICM_DECOMPRESS_QUERY' ? 'decompression' : 'compression'}`;
  return `${message} answered ${icerrName(answer) ?? answer.toString()}`;
}

/** One query's answer, or why there is none. */
async function queried(parts: FinderParts, admitted: Admitted, direction: 'decompress' | 'compress', fourcc: string): Promise<bigint | 'refused' | { failed: string }> {
  try {
    return await parts.formatQuery(admitted, direction, fourcc);
  } catch (error) {
    return { failed: errorText(error) };
  }
}

/** Both queries are asked; one that failed leaves the other's answer standing. */
async function videoMatch(parts: FinderParts, driver: DriverEntry, fourcc: string): Promise<Asked> {
  const admitted = await parts.admit(driver.alias, driver.view);
  const decompress = await queried(parts, admitted, 'decompress', fourcc);
  const compress = await queried(parts, admitted, 'compress', fourcc);
  const decompresses = decompress === 0n;
  const compresses = compress === 0n;
  const failed = [decompress, compress].find((a) => typeof a === 'object');
  if (!decompresses && !compresses) return failed ? { why: failed.failed } : { match: null };
  const text = (message: 'ICM_DECOMPRESS_QUERY' | 'ICM_COMPRESS_QUERY', answer: bigint | 'refused' | { failed: string }): string =>
    typeof answer === 'object' ? `${message} not answered: ${answer.failed}` : answerText(message, answer);
  const evidence = [text('ICM_DECOMPRESS_QUERY', decompress), text('ICM_COMPRESS_QUERY', compress)].join('; ');
  return { match: { ...named(driver), decompresses, compresses, evidence } };
}

async function ask(parts: FinderParts, driver: DriverEntry, query: CodecQuery): Promise<Asked> {
  // A quarantined or missing codec keeps the probe it answered before: it is not taken at its word now.
  const why = notAskable(driver);
  if (why) return { why };
  if (driver.kind === 'acm') return driver.probe ? { match: audioMatch(driver, query) } : { why: 'it has not answered its probe' };
  if (!query.fourcc) return { match: null };
  try {
    return await videoMatch(parts, driver, query.fourcc);
  } catch (error) {
    return { why: errorText(error) };
  }
}

export async function findCodecs(parts: FinderParts, query: CodecQuery): Promise<CodecQueryResult> {
  const { drivers } = await parts.listing();
  const result: CodecQueryResult = { query: query.text, fourcc: query.fourcc, tag: query.tag, matches: [], unasked: [] };
  for (const driver of drivers.filter((d) => d.kind === 'vidc' || d.kind === 'acm')) {
    const asked = await ask(parts, driver, query);
    if ('why' in asked) result.unasked.push({ alias: driver.alias, view: driver.view, why: asked.why });
    else if (asked.match) result.matches.push(asked.match);
  }
  return result;
}
