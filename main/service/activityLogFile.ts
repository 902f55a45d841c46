/**
 * The activity log file of the app (and of the bench's bridge host, which
 * stands in for the app's main process): every line of formatActivity, after
 * the time, in a file that rotates at `maxBytes` and keeps `keep` old ones.
 */
import { renameSync, rmSync } from 'node:fs';
import { parse, join } from 'node:path';
import type nodeLog from 'electron-log/node';
import type { Activity } from './activity';
import { formatActivity } from './activity';

type Logger = typeof nodeLog;

export interface ActivityLogOptions {
  file: string;
  maxBytes: number;
  keep: number;
}

export const defaultLogLimits = { maxBytes: 1024 * 1024, keep: 5 } as const;

/** main.log becomes main.1.log, main.1.log main.2.log, …; the oldest beyond `keep` goes. */
export function rotateLogFile(file: string, keep: number): void {
  const { dir, name, ext } = parse(file);
  const generation = (n: number): string => join(dir, `${name}.${n}${ext}`);
  rmSync(generation(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    try {
      renameSync(generation(n), generation(n + 1));
    } catch {
      // That generation does not exist yet.
    }
  }
  renameSync(file, generation(1));
}

/** Points `logger`'s file transport at the activity log; the console transport stays quiet. */
export function configureActivityLog(logger: Logger, { file, maxBytes, keep }: ActivityLogOptions): (activity: Activity) => void {
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = maxBytes;
  logger.transports.file.archiveLogFn = (old) => rotateLogFile(old.path, keep);
  logger.transports.file.format = '{iso} {text}';
  logger.transports.console.level = false;
  return (activity) => logger.info(formatActivity(activity));
}
