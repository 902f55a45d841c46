// Opens the real control panel UI in Chromium on Linux, against the real
// driver code under Wine (WINEPREFIX, default .cache/wineprefix with the
// fixture drivers). Driver dialogs appear on your DISPLAY when there is one.
import { resolve } from 'node:path';
import { startPanelServer } from '../test/ui/panelServer';
import { startBench, startBridgeHost } from '../test/wine/wineBench';
import { openPanelWindow } from './devChromium';
import { defaultPrefix } from './prepare-wine';

async function main(): Promise<void> {
  const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
  const bench = await startBench(prefix, process.env.DISPLAY);
  // The prefix's own ProgramData, as on a real machine: quarantine and restart reminders last between sessions.
  const host = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: 'C:\\ProgramData\\Multimedia Drivers Panel' });
  const server = await startPanelServer(host.client, Number(process.env.PORT ?? 5180));
  console.log(`Drivers panel (Wine prefix ${prefix}) at ${server.url} — Ctrl+C to stop.`);
  if (process.env.DISPLAY) openPanelWindow(server.url);
  const stop = (): void => {
    void server.close().then(() => host.stop()).finally(() => {
      bench.stop();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
