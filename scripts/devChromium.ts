/**
 * The Chromium window `dev:wine` opens on the person's display: the panel's
 * page as an app window.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChromiumLaunch {
  args: string[];
  /** What the person should know about how it was started, one line each. */
  notes: string[];
}

/** The command line for the panel's window; `uid` is the Linux user id (undefined on Windows). */
export function chromiumLaunch(url: string, uid: number | undefined): ChromiumLaunch {
  const args = [`--app=${url}`, '--no-first-run', '--disable-background-networking'];
  // Chromium refuses to start as root with its sandbox on ("Running as root without --no-sandbox is not supported"),
  // and exits before any window appears. The page is the panel's own, served from this machine.
  if (uid !== 0) return { args, notes: [] };
  return {
    args: [...args, '--no-sandbox'],
    notes: ['Running as root: Chromium is started with --no-sandbox, which it needs as root (run dev:wine as another user to keep its sandbox).'],
  };
}

/** Starts the window, apart from dev:wine's own process group: Ctrl+C stops the server, not the person's browser. */
export function openPanelWindow(url: string, env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.()): ChildProcess {
  const { args, notes } = chromiumLaunch(url, uid);
  for (const note of notes) console.log(note);
  const child = spawn('chromium', args, { stdio: 'ignore', detached: true, env });
  child.unref();
  return child;
}
