// Bundles the main-process entry points with esbuild. koffi stays external: its
// native module is loaded from node_modules at run time (and unpacked from the
// asar in the installer).
import { build } from 'esbuild';

const entryPoints = {
  cli: 'main/cli/cli.ts',
  driverWorker: 'main/drivers/driverWorker.ts',
  bridgeHost: 'main/bridge/bridgeHost.ts',
};

await build({
  entryPoints,
  outdir: 'dist/main',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  external: ['koffi', 'electron'],
  logLevel: 'warning',
});
