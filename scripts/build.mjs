// Builds everything: the main-process entry points and the preload with
// esbuild, the renderer with Vite, and the browser bridge of the Linux bench.
// Nothing requires koffi's JavaScript entry: main/win32/koffiNative.ts loads its
// native module from node_modules at run time (unpacked from the asar in the
// installer).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

// Vite warns that a future config loader will not read TypeScript imports; the current one does.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';

const node = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...node,
    entryPoints: {
      index: 'main/electron/index.ts',
      cli: 'main/cli/cli.ts',
      driverHost: 'main/host/process/driverHost.ts',
      bridgeHost: 'bench/bridge/bridgeHost.ts',
      catalogWorker: 'main/catalog/catalogWorker.ts',
      // npm run bench: beside the host and the worker it starts.
      serviceBench: 'bench/serviceBench.ts',
    },
    outdir: 'dist/main',
    external: ['electron'],
  }),
  // The test bench's own Windows-side script, beside the browser bridge: dist/bench/../main holds the worker it starts.
  build({ ...node, entryPoints: { catalogCloseRace: 'test/wine/catalogCloseRace.ts' }, outdir: 'dist/bench' }),
  // A sandboxed preload can require only 'electron': everything else is bundled in.
  build({ ...node, entryPoints: { index: 'preload/index.ts' }, outdir: 'dist/preload', external: ['electron'] }),
  build({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    entryPoints: { browserBridge: 'test/ui/browserBridge.ts' },
    outdir: 'dist/bench',
    logLevel: 'warning',
  }),
]);
if (!process.argv.includes('--no-renderer')) await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
