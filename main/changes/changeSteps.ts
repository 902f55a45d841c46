/**
 * One write of a change: a place (a registry value in a view, a system.ini
 * line, a file) and its exact content before and after; and what a driver's
 * registrations held before the panel called the driver. Pure, so the
 * journal's rules are unit-tested without Windows.
 */
import { z } from 'zod';
import { registryViews, type RegistryView } from '../../app/views';

/** A registry value's type and its bytes (base64), exactly as RegQueryValueEx returned them. */
const registryContent = z.object({ type: z.number().int(), data: z.string() });
/** A system.ini line's value, as the profile API reads it. */
const iniContent = z.object({ text: z.string() });
/** A file by its hash; `copyFrom` is where its bytes can be read: a copy the panel keeps in its own folder. */
const fileContent = z.object({ sha256: z.string(), size: z.number().int(), copyFrom: z.string() });

const registryPlace = z.object({ where: z.literal('registry'), view: z.enum(registryViews), key: z.string(), name: z.string() });
const iniPlace = z.object({ where: z.literal('system.ini'), section: z.string(), name: z.string() });
const filePlace = z.object({ where: z.literal('file'), path: z.string() });

export const stepSchema = z.discriminatedUnion('where', [
  registryPlace.extend({ before: registryContent.nullable(), after: registryContent.nullable() }),
  iniPlace.extend({ before: iniContent.nullable(), after: iniContent.nullable() }),
  filePlace.extend({ before: fileContent.nullable(), after: fileContent.nullable() }),
]);
export type Step = z.infer<typeof stepSchema>;
export type Place = Step extends infer S ? (S extends Step ? Omit<S, 'before' | 'after'> : never) : never;
export type RegistryContent = z.infer<typeof registryContent>;
export type IniContent = z.infer<typeof iniContent>;
export type FileContent = z.infer<typeof fileContent>;
/** What a place holds; null when the value, line or file is not there. */
export type Content = RegistryContent | IniContent | FileContent | null;

/** A registration place and what it held: one line of a snapshot of the registrations taken before a driver is called. */
export const heldSchema = z.discriminatedUnion('where', [registryPlace.extend({ content: registryContent }), iniPlace.extend({ content: iniContent })]);
export type Held = z.infer<typeof heldSchema>;
/** Where registrations are listed whole: a registry key in a view, or a system.ini section. */
export type Scope = { where: 'registry'; view: RegistryView; key: string } | { where: 'system.ini'; section: string };

/** Whether two contents of the same place are the same value: type and bytes, text, or file hash. */
export function sameContent(a: Content, b: Content): boolean {
  if (a === null || b === null) return a === b;
  if ('type' in a && 'type' in b) return a.type === b.type && a.data === b.data;
  if ('text' in a && 'text' in b) return a.text === b.text;
  if ('sha256' in a && 'sha256' in b) return a.sha256 === b.sha256;
  return false;
}

export function placeOf(step: Step | Held): Place {
  switch (step.where) {
    case 'registry':
      return { where: step.where, view: step.view, key: step.key, name: step.name };
    case 'system.ini':
      return { where: step.where, section: step.section, name: step.name };
    case 'file':
      return { where: step.where, path: step.path };
  }
}

/** One key for a place, as Windows compares them: registry keys, value names, sections and paths without regard to case. */
export function placeKey(place: Place): string {
  switch (place.where) {
    case 'registry':
      return `registry|${place.view}|${place.key}|${place.name}`.toLowerCase();
    case 'system.ini':
      return `system.ini|${place.section}|${place.name}`.toLowerCase();
    case 'file':
      return `file|${place.path}`.toLowerCase();
  }
}

/** A place in words: HKLM\…\Drivers32\fx.plain (64-bit), system.ini [drivers32] fx.ini, C:\…\x.dll. */
export function describePlace(place: Place): string {
  switch (place.where) {
    case 'registry':
      return `HKLM\\${place.key}\\${place.name} (${place.view})`;
    case 'system.ini':
      return `system.ini [${place.section}] ${place.name}`;
    case 'file':
      return place.path;
  }
}

/** What a driver did to a place, in words: "added …", "deleted …", "changed …". */
export function describeChange(place: Place, before: Content, after: Content): string {
  const verb = before === null ? 'added' : after === null ? 'deleted' : 'changed';
  return `${verb} ${describePlace(place)}`;
}
