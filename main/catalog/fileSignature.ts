/**
 * Who signed a driver file, and whether Windows trusts it, as Autoruns shows
 * it: the embedded Authenticode signature first, else the catalog that
 * vouches for the file's hash (how Windows signs its own drivers). Nothing is
 * fetched from the network (no revocation check), so a machine without a
 * connection answers as fast as one with.
 */
import { certificateName } from '../win32/crypt32';
import { withReadHandle } from '../win32/kernel32';
import type { Handle } from '../win32/win32Types';
import {
  CATALOG_INFO_SIZE,
  CryptCATAdminAcquireContext,
  CryptCATAdminCalcHashFromFileHandle,
  CryptCATAdminEnumCatalogFromHash,
  CryptCATAdminReleaseCatalogContext,
  CryptCATAdminReleaseContext,
  CryptCATCatalogInfoFromContext,
  WINTRUST_CATALOG_INFO_SIZE,
  WINTRUST_DATA_SIZE,
  WINTRUST_FILE_INFO_SIZE,
  WTHelperGetProvCertFromChain,
  WTHelperGetProvSignerFromChain,
  WTHelperProvDataFromStateData,
  WinVerifyTrustCatalog,
  WinVerifyTrustFile,
  providerCertContext,
  type WintrustData,
} from '../win32/wintrust';
import { signatureVerdict, type FileSignature } from '../../app/signatures';

/** WINTRUST_ACTION_GENERIC_VERIFY_V2 {00AAC56B-CD44-11D0-8CC2-00C04FC295EE}, as GUID bytes. */
const GENERIC_VERIFY_V2 = Buffer.from('6bc5aa0044cdd0118cc200c04fc295ee', 'hex');
const WTD_UI_NONE = 2;
const WTD_REVOKE_NONE = 0;
const WTD_CHOICE_FILE = 1;
const WTD_CHOICE_CATALOG = 2;
const WTD_STATEACTION_VERIFY = 1;
const WTD_STATEACTION_CLOSE = 2;
const WTD_CACHE_ONLY_URL_RETRIEVAL = 0x1000;
const TRUST_E_NOSIGNATURE = 0x800b0100;

/** Runs one WinVerifyTrust with state kept, reads the signer's name from it, and always closes the state. */
function verify<Info>(call: (data: WintrustData<Info>) => number, choice: number, info: Info): { code: number; signer: string | null } {
  const data: WintrustData<Info> = {
    cbStruct: WINTRUST_DATA_SIZE,
    pPolicyCallbackData: null,
    pSIPClientData: null,
    dwUIChoice: WTD_UI_NONE,
    fdwRevocationChecks: WTD_REVOKE_NONE,
    dwUnionChoice: choice,
    pInfo: info,
    dwStateAction: WTD_STATEACTION_VERIFY,
    hWVTStateData: null,
    pwszURLReference: null,
    dwProvFlags: WTD_CACHE_ONLY_URL_RETRIEVAL,
    dwUIContext: 0,
    pSignatureSettings: null,
  };
  const code = call(data) >>> 0;
  const state = data.hWVTStateData;
  try {
    return { code, signer: state ? signerName(state) : null };
  } finally {
    if (state) call({ ...data, dwStateAction: WTD_STATEACTION_CLOSE });
  }
}

function signerName(state: Handle): string | null {
  const provider = WTHelperProvDataFromStateData(state);
  const signer = provider && WTHelperGetProvSignerFromChain(provider, 0, 0, 0);
  const cert = signer && WTHelperGetProvCertFromChain(signer, 0);
  const context = cert && providerCertContext(cert);
  return context ? certificateName(context) : null;
}

/** The catalog that lists this file's hash, with the hash's member tag; null when none does. */
function findCatalog(path: string): { catalog: string; tag: string; hash: Buffer } | null {
  const admin: [Handle | null] = [null];
  if (!CryptCATAdminAcquireContext(admin, null, 0) || !admin[0]) return null;
  const context = admin[0];
  try {
    const hash = withReadHandle(path, (file) => {
      const size: [number] = [0];
      CryptCATAdminCalcHashFromFileHandle(file, size, null, 0);
      const bytes = Buffer.alloc(size[0]);
      return size[0] > 0 && CryptCATAdminCalcHashFromFileHandle(file, size, bytes, 0) ? bytes : null;
    });
    if (!hash) return null;
    const info = CryptCATAdminEnumCatalogFromHash(context, hash, hash.length, 0, null);
    if (!info) return null;
    try {
      const catalogInfo = Buffer.alloc(CATALOG_INFO_SIZE);
      catalogInfo.writeUInt32LE(CATALOG_INFO_SIZE, 0);
      if (!CryptCATCatalogInfoFromContext(info, catalogInfo, 0)) return null;
      const catalog = catalogInfo.toString('utf16le', 4).split('\0')[0] ?? '';
      return catalog ? { catalog, tag: hash.toString('hex').toUpperCase(), hash } : null;
    } finally {
      CryptCATAdminReleaseCatalogContext(context, info, 0);
    }
  } finally {
    CryptCATAdminReleaseContext(context, 0);
  }
}

export function readSignature(path: string): FileSignature {
  const embedded = verify((data) => WinVerifyTrustFile(null, GENERIC_VERIFY_V2, data), WTD_CHOICE_FILE, { cbStruct: WINTRUST_FILE_INFO_SIZE, pcwszFilePath: path, hFile: null, pgKnownSubject: null });
  if (embedded.code !== TRUST_E_NOSIGNATURE) return signatureVerdict(embedded.code, embedded.signer, 'embedded', null);
  const found = findCatalog(path);
  if (!found) return signatureVerdict(embedded.code, null, null, null);
  const byCatalog = verify((data) => WinVerifyTrustCatalog(null, GENERIC_VERIFY_V2, data), WTD_CHOICE_CATALOG, {
    cbStruct: WINTRUST_CATALOG_INFO_SIZE,
    dwCatalogVersion: 0,
    pcwszCatalogFilePath: found.catalog,
    pcwszMemberTag: found.tag,
    pcwszMemberFilePath: path,
    hMemberFile: null,
    pbCalculatedFileHash: found.hash,
    cbCalculatedFileHash: found.hash.length,
    pcCatalogContext: null,
    hCatAdmin: null,
  });
  return signatureVerdict(byCatalog.code, byCatalog.signer, 'catalog', found.catalog);
}
