/**
 * "Which codec handles…": a FourCC (XVID, MJPG) or a WAVE format tag (0x55,
 * 85, MPEG Layer-3), and the codecs in each view that handle it. Video
 * codecs are asked (ICM_DECOMPRESS_QUERY, ICM_COMPRESS_QUERY, as ICLocate
 * asks); audio codecs answer by the format tags they listed when probed.
 */
import { z } from 'zod';
import { registryViews } from './views';

export interface CodecQuery {
  text: string;
  /** The FourCC a video codec is asked about (padded to four characters); null when the text is no FourCC. */
  fourcc: string | null;
  /** A WAVE format tag by number; null when the text names one (or none). */
  tag: number | null;
  /** A format tag's name to match, case-insensitively ("MPEG Layer-3", also "PCM"); null for a number. */
  tagName: string | null;
}

const MAX_QUERY = 64;

/**
 * Reads what a person typed: a number (0x55, 85) is a format tag; one to four
 * printable characters are a FourCC, and also a tag's name (PCM is both
 * shapes); anything longer is a tag's name. Null when nothing usable was typed.
 */
export function parseCodecQuery(input: string): CodecQuery | null {
  const text = input.trim();
  if (text === '' || text.length > MAX_QUERY || !/^[\x20-\x7e]+$/.test(text)) return null;
  if (/^(?:0x[0-9a-f]+|\d+)$/i.test(text)) {
    const tag = Number(text);
    return tag <= 0xffff ? { text, fourcc: null, tag, tagName: null } : null;
  }
  return { text, fourcc: text.length <= 4 ? text.padEnd(4, ' ') : null, tag: null, tagName: text };
}

export const codecQueryText = z.string().min(1).max(MAX_QUERY);

export const codecMatchSchema = z.object({
  /** The entry id, as in the listing. */
  id: z.string(),
  alias: z.string(),
  view: z.enum(registryViews),
  name: z.string(),
  /** For a video codec, what its queries answered; null for an audio codec, whose format tags do not say which way it converts. */
  decompresses: z.boolean().nullable(),
  compresses: z.boolean().nullable(),
  /** How it was found out, in the codec's terms: "ICM_DECOMPRESS_QUERY answered ICERR_OK", "format tag 0x0055 MPEG Layer-3". */
  evidence: z.string(),
});
export type CodecMatch = z.infer<typeof codecMatchSchema>;

export const codecQueryResultSchema = z.object({
  query: z.string(),
  fourcc: z.string().nullable(),
  tag: z.number().int().nullable(),
  matches: z.array(codecMatchSchema),
  /** Codecs that could not be asked (quarantined, missing, failed to open, crashed now), and why. */
  unasked: z.array(z.object({ alias: z.string(), view: z.enum(registryViews), why: z.string() })),
});
export type CodecQueryResult = z.infer<typeof codecQueryResultSchema>;
