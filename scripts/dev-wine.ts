// Opens the real control panel UI in Chromium on Linux, against the real
// driver code under Wine (WINEPREFIX, default .cache/wineprefix with the
// fixture drivers). Driver dialogs appear on your DISPLAY when there is one;
// the panel's own file dialogs are asked on this console (devDialogs.ts).
import { resolve } from 'node:path';
import { startPanelServer, type PanelServer } from '../test/ui/panelServer';
import { startBench, startBridgeHost, type Bench, type BridgeHost } from '../test/wine/wineBench';
import { openPanelWindow } from './devChromium';
import { consoleDialogs } from './devDialogs';
import { devLogFile, devReportsFolder } from './devPlaces';
import { defaultPrefix } from './prepare-wine';

interface Session {
  bench?: Bench;
  host?: BridgeHost;
  server?: PanelServer;
}

function stopper(session: Session): () => void {
  let stopping = false;
  return () => {
    if (stopping) return;
    stopping = true;
    void (session.server?.close() ?? Promise.resolve())
      .then(() => session.host?.stop())
      .finally(() => {
        session.bench?.stop();
        process.exit(0);
      });
  };
}

async function main(): Promise<void> {
  const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
  const log = devLogFile(prefix);
  const reportsFolder = devReportsFolder();
  const session: Session = {};
  const stop = stopper(session);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  session.bench = await startBench(prefix, process.env.DISPLAY);
  // The prefix's own ProgramData, as on a real machine: quarantine and restart reminders last between sessions.
  session.host = await startBridgeHost(session.bench, { DRIVERS_PANEL_STATE_DIR: 'C:\\ProgramData\\Multimedia Drivers Panel' }, ['--ask-dialogs', '--log-file', log.windows]);
  // npm runs scripts in the package's folder; a relative path the person types starts where they ran npm.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  session.host.client.answerDialogs(consoleDialogs({ prefix, reportsFolder, input: process.stdin, output: process.stdout, cwd, onInterrupt: stop }));
  session.server = await startPanelServer(session.host.client, Number(process.env.PORT ?? 5180));
  console.log(`Drivers panel (Wine prefix ${prefix}) at ${session.server.url} — Ctrl+C to stop.`);
  console.log(`Activity log: ${log.linux}`);
  console.log(`Add driver… and Export report… ask on this console; reports are saved in ${reportsFolder} unless you name another place.`);
  if (process.env.DISPLAY) openPanelWindow(session.server.url);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
