/**
 * How the CLI shows results to a person: aligned tables and one sentence per
 * outcome. Every value from a driver, the registry or the state is escaped
 * (printableText.ts): the layout's own line breaks are the only ones printed.
 */
import { printable, printed } from '../../app/printableText';
import { configurationVerdict } from '../../app/configurationAnswers';
import { acmVersionText, formatTagText, videoCapabilityWords } from '../../app/codecWords';
import type { CodecQueryResult } from '../../app/codecQuery';
import { describedName } from '../../app/driverNames';
import { statusLabels } from '../../app/statusWords';
import type { ActionResult, CodecDialogResult, DriverEntry, DriverFailure, DriverListing, ProbeResult, RestartRequirement, SendResult } from '../../app/drivers';
import type { Addition, ChangeRecord, Removal, UndoResult } from '../../app/changes';
import { lresultHex } from '../../app/messageText';

/** Columns padded to their widest cell (as printed, escapes and all); the last column is not padded. */
export function formatTable(header: readonly string[], values: ReadonlyArray<readonly string[]>): string {
  const rows = values.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function configurableCell(entry: DriverEntry): string {
  if (!entry.probe) return entry.openable ? '?' : '-';
  return entry.probe.configurable ? `yes (${entry.probe.raw})` : 'no';
}

export function formatListing(listing: DriverListing): string {
  const rows = listing.drivers.map((d) => [
    d.alias,
    d.kind,
    d.view,
    configurableCell(d),
    statusLabels[d.status],
    d.file,
    d.details?.version.fileVersion ?? '',
    describedName(d),
  ]);
  const table = formatTable(['ALIAS', 'KIND', 'VIEW', 'CONFIGURABLE', 'STATUS', 'FILE', 'VERSION', 'DESCRIPTION'], rows);
  const problems = listing.drivers.flatMap((d) => (d.statusDetail ? [printed`  ${d.alias} (${d.view}): ${d.statusDetail}`] : []));
  const notes = [...problems, ...listing.notices.map((n) => printed`  ${n}`)];
  const summary = `${listing.drivers.length} driver(s).`;
  return [table, '', summary, ...(notes.length ? ['Notes:', ...notes] : [])].join('\n');
}

const restartActions = { configure: 'configuration', install: 'installation', remove: 'removal' } as const;

export function formatRestartStatus(pending: readonly RestartRequirement[]): string {
  if (pending.length === 0) return 'No change is waiting for a restart.';
  const lines = pending.map((r) => printed`  ${r.alias}: ${restartActions[r.action]} on ${r.at.slice(0, 16).replace('T', ' ')} UTC`);
  return ['Windows must restart for these changes to take effect:', ...lines].join('\n');
}

/** What a codec said of itself, a line each, with the message that asked. */
function codecLines(identity: ProbeResult['identity']): string[] {
  if (!identity) return [];
  if (identity.kind === 'vidc') {
    const settings = identity.settings ? 'Has its own settings dialog (ICM_CONFIGURE): drivers-cli settings.' : 'No settings dialog of its own (ICM_CONFIGURE).';
    const { info } = identity;
    if (!info) return ['Codec: did not answer ICM_GETINFO.', settings];
    const capabilities = videoCapabilityWords(info.flags).join(', ') || 'none stated';
    return [printed`Codec: ${info.description || info.name} (ICM_GETINFO), FourCC ${info.fourcc}; capabilities: ${capabilities}.`, settings];
  }
  const { details, formatTags } = identity;
  if (!details) return ['Codec: did not answer ACMDM_DRIVER_DETAILS.'];
  return [
    printed`Codec: ${details.longName || details.shortName} (ACMDM_DRIVER_DETAILS), version ${acmVersionText(details.version)}.`,
    printed`Format tags: ${formatTags.map(formatTagText).join('; ') || 'none'}.`,
  ];
}

export function formatProbe(probe: ProbeResult): string {
  const verdict = printed`${probe.alias} ${configurationVerdict(probe.alias, probe.raw)}. Loaded from ${probe.loadedPath ?? 'an unknown path'}.`;
  const codec = codecLines(probe.identity);
  return codec.length > 0 ? `${verdict}\n${codec.join('\n')}` : verdict;
}

const actionWords = { configure: 'Configure', install: 'Install', remove: 'Remove' } as const;

export function formatAction(result: ActionResult & { change?: ChangeRecord | null }): string {
  const changed = result.change ? printed` ${result.change.summary}.${undoHint(result.change)}` : '';
  return `${answerWords(result)}${changed}`;
}

function answerWords(result: ActionResult): string {
  const what = printed`${actionWords[result.action]} ${result.alias}`;
  switch (result.result) {
    case 'ok':
      return `${what}: done (${result.raw}).`;
    case 'cancel':
      return `${what}: cancelled or refused by the driver (DRVCNF_CANCEL).`;
    case 'restart':
      return `${what}: done, but Windows must be restarted before the change takes effect (DRVCNF_RESTART).`;
    case 'unsupported':
      return `${what}: not supported by the driver (it answered -1, not a DRVCNF_* value); nothing was shown or changed.`;
  }
}

export function formatSend(result: SendResult): string {
  const answer = printed`${result.alias} answered ${result.messageName} with ${result.raw} (${lresultHex(result.raw)})${result.answer ? `: ${result.answer}` : ''}.`;
  if (!result.structure) return answer;
  // With a structure, a technician is reading closely: how the driver was opened matters too.
  const fields = Object.entries(result.structure.fields).map(([name, value]) => printed`  ${name}: ${String(value)}`);
  return [answer, printed`Opened: ${result.opening}.`, `${result.structure.name} as the driver left it:`, ...fields].join('\n');
}

const failureHints: Partial<Record<DriverFailure['code'], string>> = {
  'unknown-alias': 'Run "list" to see the installed drivers.',
  'invalid-alias': 'Run "list" to see the installed drivers and their aliases.',
  'message-not-allowed': 'Run "drivers-cli help send" for what send takes.',
};

/** "vidc.xvid: its settings dialog was closed (ICM_CONFIGURE answered ICERR_OK …)." */
export function formatCodecDialog(result: CodecDialogResult): string {
  const what = result.dialog === 'settings' ? 'settings dialog' : 'About box';
  const answer = `${result.messageName} answered ${result.raw}${result.answer ? `: ${result.answer}` : ''}`;
  if (!result.supported) return printed`${result.alias} has no ${what} of its own (${answer}).`;
  return printed`${result.alias}: its ${what} was shown and closed (${answer}).`;
}

/** The codecs that handle a format, a row each, and those that could not be asked. */
export function formatCodecQuery(result: CodecQueryResult): string {
  const what = [result.fourcc && `FourCC ${result.fourcc.trimEnd()}`, result.tag !== null && `format tag ${formatTagText({ tag: result.tag, name: '' })}`]
    .filter(Boolean)
    .join(' or ');
  // An audio codec's tags do not say which way it converts: '-'.
  const yes = (b: boolean | null): string => (b === null ? '-' : b ? 'yes' : 'no');
  const lines = [
    result.matches.length === 0
      ? printed`No codec handles ${what || result.query}.`
      : formatTable(
          ['ALIAS', 'VIEW', 'DECOMPRESSES', 'COMPRESSES', 'NAME', 'HOW'],
          result.matches.map((m) => [m.alias, m.view, yes(m.decompresses), yes(m.compresses), m.name, m.evidence]),
        ),
  ];
  if (result.unasked.length > 0) lines.push('Not asked:', ...result.unasked.map((u) => printed`  ${u.alias} (${u.view}): ${u.why}`));
  return lines.join('\n');
}

export function formatFailure(failure: DriverFailure): string {
  const hint = failureHints[failure.code];
  return printed`Error (${failure.code}): ${failure.message}${hint ? ` ${hint}` : ''}`;
}

export function formatRemoval(removal: Removal): string {
  return removal.removed ? printed`Removed ${removal.alias} (${removal.view}). ${removal.note}${undoHint(removal.change)}` : printable(removal.note);
}

export function formatAddition(addition: Addition): string {
  return addition.added ? printed`Added ${addition.alias} (${addition.path}). ${addition.note}${undoHint(addition.change)}` : printable(addition.note);
}

export function formatChange(change: ChangeRecord): string {
  return printed`${change.summary}.${undoHint(change)}`;
}

function undoHint(change: ChangeRecord | null): string {
  return change ? printed` Undo with "drivers-cli undo ${change.id}".` : '';
}

export function formatHistory(changes: readonly ChangeRecord[]): string {
  if (changes.length === 0) return 'The panel has made no change to the registrations.';
  const when = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')} UTC`;
  const rows = changes.map((c) => [when(c.at), c.id, c.undoneAt ? `undone ${when(c.undoneAt)}` : 'in effect', c.summary]);
  return formatTable(['WHEN', 'ID', 'STATE', 'CHANGE'], rows);
}

export function formatUndo(result: UndoResult): string {
  return printed`Undone: ${result.undone.summary}.${result.note ? ` ${result.note}` : ''}`;
}
