/**
 * A driver file's Authenticode signature as the panel, the reports and the
 * "Hide Microsoft-signed" filter see it: WinVerifyTrust's answer in words,
 * and who signed. Pure, so the wording is unit-tested; without zod (its
 * schema is in drivers.ts), so the page's script does not carry zod for it.
 */
import type { FileSignature } from './drivers';

export const signatureVerdicts = ['verified', 'unsigned', 'untrusted', 'expired', 'revoked', 'tampered', 'invalid'] as const;
export type SignatureVerdict = (typeof signatureVerdicts)[number];

export type { FileSignature } from './drivers';

const verdicts: Record<number, [SignatureVerdict, string]> = {
  0x00000000: ['verified', 'verified'],
  0x800b0100: ['unsigned', 'not signed'],
  0x800b0003: ['unsigned', 'not signed (Windows cannot hold a signature in this kind of file)'],
  0x800b0109: ['untrusted', 'signed, but its certificate chains to a root Windows does not trust'],
  0x800b010a: ['untrusted', 'signed, but the certificate chain is incomplete'],
  0x800b0111: ['untrusted', 'signed by a certificate that was explicitly distrusted'],
  0x800b0101: ['expired', 'signed with a certificate that has expired (and no timestamp proves it was signed in time)'],
  0x800b010c: ['revoked', 'signed with a certificate its issuer revoked'],
  0x80096010: ['tampered', 'the file was changed after it was signed'],
  0x80096011: ['tampered', 'the signature is damaged'],
};

export function hresult(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export function signatureVerdict(code: number, signer: string | null, source: FileSignature['source'], catalog: string | null): FileSignature {
  const [verdict, meaning] = verdicts[code >>> 0] ?? ['invalid', `not verified (WinVerifyTrust returned ${hresult(code)})`];
  const by = signer ? ` by ${signer}` : '';
  const where = source === 'catalog' ? ' (catalog signature)' : '';
  const text = verdict === 'verified' ? `Signed${by}, verified${where}` : verdict === 'unsigned' ? capitalise(meaning) : `${capitalise(meaning)}${by ? ` (signer: ${signer})` : ''}${where}`;
  return { verdict, signer, source: verdict === 'unsigned' ? null : source, catalog, code: hresult(code), text };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What "Hide Microsoft-signed" hides: a verified signature whose signer is Microsoft, as Autoruns decides it. */
export function isMicrosoftSigned(signature: FileSignature | null | undefined): boolean {
  return signature?.verdict === 'verified' && /^Microsoft\b/i.test(signature.signer ?? '');
}
