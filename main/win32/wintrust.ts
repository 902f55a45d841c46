/**
 * wintrust.dll: Authenticode verification (WinVerifyTrust) and the catalog
 * database that vouches for files signed by catalog, as Autoruns and
 * sigcheck use them.
 */
import { koffi, type Handle } from './win32Types';

const wintrust = koffi.load('wintrust.dll');

koffi.alias('HCATADMIN', 'HANDLE');
koffi.alias('HCATINFO', 'HANDLE');

/** typedef struct WINTRUST_FILE_INFO_ { DWORD cbStruct; LPCWSTR pcwszFilePath; HANDLE hFile; GUID *pgKnownSubject; } */
const WINTRUST_FILE_INFO = koffi.struct('WINTRUST_FILE_INFO', {
  cbStruct: 'DWORD',
  pcwszFilePath: 'LPCWSTR',
  hFile: 'HANDLE',
  pgKnownSubject: 'void *',
});

/**
 * typedef struct WINTRUST_CATALOG_INFO_ { DWORD cbStruct; DWORD dwCatalogVersion; LPCWSTR pcwszCatalogFilePath;
 *   LPCWSTR pcwszMemberTag; LPCWSTR pcwszMemberFilePath; HANDLE hMemberFile; BYTE *pbCalculatedFileHash;
 *   DWORD cbCalculatedFileHash; PCCTL_CONTEXT pcCatalogContext; HCATADMIN hCatAdmin; }
 */
const WINTRUST_CATALOG_INFO = koffi.struct('WINTRUST_CATALOG_INFO', {
  cbStruct: 'DWORD',
  dwCatalogVersion: 'DWORD',
  pcwszCatalogFilePath: 'LPCWSTR',
  pcwszMemberTag: 'LPCWSTR',
  pcwszMemberFilePath: 'LPCWSTR',
  hMemberFile: 'HANDLE',
  pbCalculatedFileHash: 'void *',
  cbCalculatedFileHash: 'DWORD',
  pcCatalogContext: 'void *',
  hCatAdmin: 'HCATADMIN',
});

/**
 * typedef struct _WINTRUST_DATA { DWORD cbStruct; LPVOID pPolicyCallbackData; LPVOID pSIPClientData; DWORD dwUIChoice;
 *   DWORD fdwRevocationChecks; DWORD dwUnionChoice; union { WINTRUST_FILE_INFO *pFile; WINTRUST_CATALOG_INFO *pCatalog; … };
 *   DWORD dwStateAction; HANDLE hWVTStateData; WCHAR *pwszURLReference; DWORD dwProvFlags; DWORD dwUIContext;
 *   WINTRUST_SIGNATURE_SETTINGS *pSignatureSettings; }
 * declared once per union member that is used, so that koffi marshals the member's struct.
 */
function wintrustData(name: string, member: string): ReturnType<typeof koffi.struct> {
  return koffi.struct(name, {
    cbStruct: 'DWORD',
    pPolicyCallbackData: 'void *',
    pSIPClientData: 'void *',
    dwUIChoice: 'DWORD',
    fdwRevocationChecks: 'DWORD',
    dwUnionChoice: 'DWORD',
    pInfo: member,
    dwStateAction: 'DWORD',
    hWVTStateData: 'HANDLE',
    pwszURLReference: 'void *',
    dwProvFlags: 'DWORD',
    dwUIContext: 'DWORD',
    pSignatureSettings: 'void *',
  });
}
const WINTRUST_DATA_FILE = wintrustData('WINTRUST_DATA_FILE', 'WINTRUST_FILE_INFO *');
wintrustData('WINTRUST_DATA_CATALOG', 'WINTRUST_CATALOG_INFO *');

export interface WintrustFileInfo {
  cbStruct: number;
  pcwszFilePath: string;
  hFile: null;
  pgKnownSubject: null;
}
export interface WintrustCatalogInfo {
  cbStruct: number;
  dwCatalogVersion: number;
  pcwszCatalogFilePath: string;
  pcwszMemberTag: string;
  pcwszMemberFilePath: string;
  hMemberFile: null;
  pbCalculatedFileHash: Buffer;
  cbCalculatedFileHash: number;
  pcCatalogContext: null;
  hCatAdmin: null;
}

export interface WintrustData<Info> {
  cbStruct: number;
  pPolicyCallbackData: null;
  pSIPClientData: null;
  dwUIChoice: number;
  fdwRevocationChecks: number;
  dwUnionChoice: number;
  pInfo: Info;
  dwStateAction: number;
  hWVTStateData: Handle | null;
  pwszURLReference: null;
  dwProvFlags: number;
  dwUIContext: number;
  pSignatureSettings: null;
}

export const WINTRUST_DATA_SIZE = koffi.sizeof(WINTRUST_DATA_FILE);
export const WINTRUST_FILE_INFO_SIZE = koffi.sizeof(WINTRUST_FILE_INFO);
export const WINTRUST_CATALOG_INFO_SIZE = koffi.sizeof(WINTRUST_CATALOG_INFO);

/** LONG WinVerifyTrust(HWND hwnd, GUID *pgActionID, LPVOID pWVTData), for an embedded signature (WTD_CHOICE_FILE). */
export const WinVerifyTrustFile = wintrust.func('LONG __stdcall WinVerifyTrust(HWND hwnd, const uint8_t *pgActionID, _Inout_ WINTRUST_DATA_FILE *pWVTData)') as (hwnd: Handle | null, action: Buffer, data: WintrustData<WintrustFileInfo>) => number;

/** The same for a catalog member (WTD_CHOICE_CATALOG). */
export const WinVerifyTrustCatalog = wintrust.func('LONG __stdcall WinVerifyTrust(HWND hwnd, const uint8_t *pgActionID, _Inout_ WINTRUST_DATA_CATALOG *pWVTData)') as (hwnd: Handle | null, action: Buffer, data: WintrustData<WintrustCatalogInfo>) => number;

/** CRYPT_PROVIDER_DATA *WTHelperProvDataFromStateData(HANDLE hStateData); */
export const WTHelperProvDataFromStateData = wintrust.func('void * __stdcall WTHelperProvDataFromStateData(HANDLE hStateData)') as (state: Handle) => Handle | null;

/** CRYPT_PROVIDER_SGNR *WTHelperGetProvSignerFromChain(CRYPT_PROVIDER_DATA *pProvData, DWORD idxSigner, BOOL fCounterSigner, DWORD idxCounterSigner); */
export const WTHelperGetProvSignerFromChain = wintrust.func(
  'void * __stdcall WTHelperGetProvSignerFromChain(void *pProvData, DWORD idxSigner, BOOL fCounterSigner, DWORD idxCounterSigner)',
) as (provData: Handle, signer: number, counter: number, counterIndex: number) => Handle | null;

/** CRYPT_PROVIDER_CERT *WTHelperGetProvCertFromChain(CRYPT_PROVIDER_SGNR *pSgnr, DWORD idxCert); */
export const WTHelperGetProvCertFromChain = wintrust.func('void * __stdcall WTHelperGetProvCertFromChain(void *pSgnr, DWORD idxCert)') as (
  signer: Handle,
  index: number,
) => Handle | null;

/** typedef struct _CRYPT_PROVIDER_CERT { DWORD cbStruct; PCCERT_CONTEXT pCert; … }: only pCert is read. */
const CRYPT_PROVIDER_CERT_HEAD = koffi.struct('CRYPT_PROVIDER_CERT_HEAD', { cbStruct: 'DWORD', pCert: 'void *' });

/** The certificate context of a CRYPT_PROVIDER_CERT. */
export function providerCertContext(providerCert: Handle): Handle | null {
  return (koffi.decode(providerCert, CRYPT_PROVIDER_CERT_HEAD) as { pCert: Handle | null }).pCert;
}

/** BOOL CryptCATAdminAcquireContext(HCATADMIN *phCatAdmin, const GUID *pgSubsystem, DWORD dwFlags); */
export const CryptCATAdminAcquireContext = wintrust.func(
  'BOOL __stdcall CryptCATAdminAcquireContext(_Out_ HCATADMIN *phCatAdmin, const uint8_t *pgSubsystem, DWORD dwFlags)',
) as (admin: [Handle | null], subsystem: null, flags: number) => number;

/** BOOL CryptCATAdminReleaseContext(HCATADMIN hCatAdmin, DWORD dwFlags); */
export const CryptCATAdminReleaseContext = wintrust.func('BOOL __stdcall CryptCATAdminReleaseContext(HCATADMIN hCatAdmin, DWORD dwFlags)') as (
  admin: Handle,
  flags: number,
) => number;

/** BOOL CryptCATAdminCalcHashFromFileHandle(HANDLE hFile, DWORD *pcbHash, BYTE *pbHash, DWORD dwFlags); */
export const CryptCATAdminCalcHashFromFileHandle = wintrust.func(
  'BOOL __stdcall CryptCATAdminCalcHashFromFileHandle(HANDLE hFile, _Inout_ DWORD *pcbHash, _Out_ uint8_t *pbHash, DWORD dwFlags)',
) as (file: Handle, size: [number], hash: Buffer | null, flags: number) => number;

/** HCATINFO CryptCATAdminEnumCatalogFromHash(HCATADMIN hCatAdmin, BYTE *pbHash, DWORD cbHash, DWORD dwFlags, HCATINFO *phPrevCatInfo); */
export const CryptCATAdminEnumCatalogFromHash = wintrust.func(
  'HCATINFO __stdcall CryptCATAdminEnumCatalogFromHash(HCATADMIN hCatAdmin, const uint8_t *pbHash, DWORD cbHash, DWORD dwFlags, HCATINFO *phPrevCatInfo)',
) as (admin: Handle, hash: Buffer, size: number, flags: number, previous: null) => Handle | null;

/** typedef struct CATALOG_INFO_ { DWORD cbStruct; WCHAR wszCatalogFile[MAX_PATH]; } */
export const CATALOG_INFO_SIZE = 4 + 260 * 2;

/** BOOL CryptCATCatalogInfoFromContext(HCATINFO hCatInfo, CATALOG_INFO *psCatInfo, DWORD dwFlags); */
export const CryptCATCatalogInfoFromContext = wintrust.func(
  'BOOL __stdcall CryptCATCatalogInfoFromContext(HCATINFO hCatInfo, _Inout_ uint8_t *psCatInfo, DWORD dwFlags)',
) as (info: Handle, catalogInfo: Buffer, flags: number) => number;

/** BOOL CryptCATAdminReleaseCatalogContext(HCATADMIN hCatAdmin, HCATINFO hCatInfo, DWORD dwFlags); */
export const CryptCATAdminReleaseCatalogContext = wintrust.func(
  'BOOL __stdcall CryptCATAdminReleaseCatalogContext(HCATADMIN hCatAdmin, HCATINFO hCatInfo, DWORD dwFlags)',
) as (admin: Handle, info: Handle, flags: number) => number;
