/**
 * The rule an elevated process applies to a folder before it trusts what is
 * in it: only administrators may change it. The change journal says what to
 * write where, and an elevated process carries it out; if anyone else could
 * write the journal or its backups, anyone else could choose what an
 * administrator's next change writes. Pure, so the rule is unit-tested apart
 * from Windows, which supplies the owner and the DACL (advapi32.fileSecurity).
 */
import type { FileSecurity } from '../win32/advapi32';

/** Accounts that are administrators by definition. */
export const administratorSids = [
  'S-1-5-18', // SYSTEM
  'S-1-5-32-544', // BUILTIN\Administrators
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', // NT SERVICE\TrustedInstaller
] as const;

const wellKnownNames: Record<string, string> = {
  'S-1-1-0': 'Everyone',
  'S-1-5-11': 'Authenticated Users',
  'S-1-5-32-545': 'Users',
  'S-1-5-32-546': 'Guests',
  'S-1-5-4': 'Interactive users',
  'S-1-3-4': 'the owner of each file',
};

/**
 * The rights that let someone put other content in a folder or take it over:
 * add files and subfolders, delete what is in it or the folder itself, change
 * its permissions or owner (FILE_ADD_FILE, FILE_ADD_SUBDIRECTORY,
 * FILE_DELETE_CHILD, DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE).
 * Writing extended attributes or timestamps is left out: it changes no content.
 */
const WRITE_RIGHTS = 0x2 | 0x4 | 0x40 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;
const DENY_TYPES = new Set([1, 6, 10, 12]);
/**
 * CREATOR OWNER stands for whoever creates something inside later: in this
 * folder only administrators can, so it grants nothing to anyone else. An
 * inherit-only entry for anyone else does count: it is what every file
 * created inside (the journal, a kept driver file) will let them do.
 */
const CREATOR_OWNER = 'S-1-3-0';

/** Every account, other than `trusted`, that may write or take over the file or folder (or what is created in it), by name or SID; "anyone" for a NULL DACL. */
export function otherWriters(security: FileSecurity, trusted: readonly string[]): string[] {
  if (security.entries === null) return ['anyone (it has no access list)'];
  const writers = security.entries.flatMap((entry) => {
    if (DENY_TYPES.has(entry.type) || (entry.mask & WRITE_RIGHTS) === 0) return [];
    // An allowing entry whose account cannot be read is nobody's to vouch for.
    if (entry.sid === null) return ['an account the panel cannot read'];
    if (entry.sid === CREATOR_OWNER || trusted.includes(entry.sid)) return [];
    return [accountName(entry.sid)];
  });
  return [...new Set(writers)];
}

function accountName(sid: string): string {
  const name = wellKnownNames[sid];
  return name ? `${name} (${sid})` : sid;
}

/**
 * Null when only administrators can change `path` (the journal's folder, or
 * something in it); else why not, naming it and what to do about `folder`.
 */
export function adminOnlyProblem(path: string, folder: string, security: FileSecurity, trusted: readonly string[]): string | null {
  const owner = security.owner;
  const ownedByOther = owner === null || !trusted.includes(owner);
  const writers = otherWriters(security, trusted);
  if (!ownedByOther && writers.length === 0) return null;
  const reasons = [
    ...(ownedByOther ? [`it is owned by ${owner === null ? 'an account the panel cannot read' : accountName(owner)}, not by administrators`] : []),
    ...(writers.length > 0 ? [`${writers.join(", ")} may change it`] : []),
  ];
  const what = path === folder ? `The folder ${folder}` : `${path}, in the folder ${folder},`;
  return (
    `${what} can be changed by others than administrators (${reasons.join('; ')}), so what the folder holds cannot be trusted: ` +
    'the panel neither reads nor writes it and nothing was changed. Move that folder aside (its files can be inspected there) and try again: ' +
    'the panel then creates a new one that only administrators and SYSTEM can change. Reinstalling the panel does the same.'
  );
}
