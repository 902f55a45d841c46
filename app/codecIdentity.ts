/**
 * What a codec says of itself when asked as its own loader asks: a video
 * codec's ICM_GETINFO (name, description, FourCC, capabilities) and whether
 * it has a settings dialog (ICM_CONFIGURE's query); an audio codec's
 * ACMDM_DRIVER_DETAILS and its format tags (ACMDM_FORMATTAG_DETAILS).
 */
import { z } from 'zod';

export const videoCodecInfoSchema = z.object({
  /** ICINFO.szName: a short name, often the FourCC itself. */
  name: z.string(),
  /** ICINFO.szDescription: the codec's own long name ("Cinepak Codec by Radius"). */
  description: z.string(),
  /** ICINFO.fccType and fccHandler as four characters. */
  type: z.string(),
  fourcc: z.string(),
  /** ICINFO.dwFlags: VIDCF_* capabilities. */
  flags: z.number().int(),
  version: z.number().int(),
});
export type VideoCodecInfo = z.infer<typeof videoCodecInfoSchema>;

export const formatTagSchema = z.object({
  /** The WAVE format tag (WAVE_FORMAT_MPEGLAYER3 = 0x55). */
  tag: z.number().int(),
  name: z.string(),
});
export type FormatTag = z.infer<typeof formatTagSchema>;

export const audioCodecDetailsSchema = z.object({
  shortName: z.string(),
  longName: z.string(),
  copyright: z.string(),
  licensing: z.string(),
  features: z.string(),
  /** ACMDRIVERDETAILS.fdwSupport: ACMDRIVERDETAILS_SUPPORTF_* flags. */
  support: z.number().int(),
  /** How many format tags the codec said it has (its tags may be fewer, if some did not answer). */
  formatTagCount: z.number().int(),
  /** ACMDRIVERDETAILS.vdwDriver: the codec's version, 0xMMmmBBBB. */
  version: z.number().int(),
});
export type AudioCodecDetails = z.infer<typeof audioCodecDetailsSchema>;

export const codecIdentitySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('vidc'),
    /** Null when the codec did not answer ICM_GETINFO. */
    info: videoCodecInfoSchema.nullable(),
    /** ICM_CONFIGURE's query (-1) answered ICERR_OK: the codec has its own settings dialog. */
    settings: z.boolean(),
  }),
  z.object({
    kind: z.literal('acm'),
    /** Null when the codec did not answer ACMDM_DRIVER_DETAILS. */
    details: audioCodecDetailsSchema.nullable(),
    formatTags: z.array(formatTagSchema),
  }),
]);
export type CodecIdentity = z.infer<typeof codecIdentitySchema>;
