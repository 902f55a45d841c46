/**
 * koffi, its native module loaded straight from the file. koffi's own entry
 * (index.cjs) looks for that module by resolving packages one after another
 * and then wraps it in deprecation shims this code does not use. Under Wine
 * every one of those file-system probes is slow: with the machine busy, the
 * entry took about 80 ms of the driver host's start where loading and
 * initialising the module itself takes 50–55 ms (about 25 ms saved when idle),
 * and every process that calls Win32 pays it before its first call
 * (the driver host before the first probe, the catalog worker before the
 * first file's details). npm puts the module in the package
 * @koromix/koffi-win32-<arch>, and the installer unpacks that package beside
 * dist/main (electron-builder.yml, asarUnpack), so the path is known.
 */
import { koffiNativePath } from './unpackedPaths';
import { errorText } from '../../app/errorText';

type Koffi = typeof import('koffi');

function loadKoffi(): Koffi {
  if (process.platform !== 'win32') throw new Error('The Win32 bindings run only on Windows (under Wine on Linux).');
  const native = { exports: {} as Koffi };
  const path = koffiNativePath(__dirname);
  try {
    process.dlopen(native, path);
  } catch (error) {
    throw new Error(`koffi's native module could not be loaded from ${path}: ${errorText(error)}. Reinstall the panel (or run npm ci).`, { cause: error });
  }
  return native.exports;
}

export const koffi = loadKoffi();
