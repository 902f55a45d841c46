/** crypt32.dll: the name on a signer's certificate. */
import { koffi, utf16, type Handle } from './win32Types';

const crypt32 = koffi.load('crypt32.dll');

/** DWORD CertGetNameStringW(PCCERT_CONTEXT pCertContext, DWORD dwType, DWORD dwFlags, void *pvTypePara, LPWSTR pszNameString, DWORD cchNameString); */
const CertGetNameStringW = crypt32.func(
  'DWORD __stdcall CertGetNameStringW(void *pCertContext, DWORD dwType, DWORD dwFlags, void *pvTypePara, _Out_ uint8_t *pszNameString, DWORD cchNameString)',
) as (cert: Handle, type: number, flags: number, para: null, name: Buffer, chars: number) => number;

const CERT_NAME_SIMPLE_DISPLAY_TYPE = 4;

/** The subject's display name (its CN, else O, …), as Explorer's signature tab shows it. */
export function certificateName(cert: Handle): string | null {
  const buffer = Buffer.alloc(512 * 2);
  const chars = CertGetNameStringW(cert, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, null, buffer, 512);
  // The count includes the terminating NUL; 1 means an empty name.
  return chars > 1 ? utf16(buffer, chars - 1) : null;
}
