/**
 * Entry point of the driver host process: the only process that ever calls
 * into a driver. It makes the calls of each batch one after the other, says
 * on its stage board where it is, and answers a few calls at a time; when a
 * person's request is waiting it stops after the call it is in. A driver
 * that faults ends this process (crashGuard), one that hangs blocks it until
 * the supervisor ends it. Either way the panel and the CLI live on, and the
 * programs a driver started end with this process (jobGuard).
 */
import { guardAgainstCrashDialogs } from './crashGuard';
import { callDriver } from './driverCalls';
import { connectToSupervisor } from './hostChannel';
import type { HostReply } from '../hostProtocol';
import { endDriverProgramsWithHost } from './jobGuard';
import { outputMarker } from './outputMarks';
import { STAGE_BOARD_VARIABLE, StageBoard } from '../stageBoard';
import { errorText } from '../../../app/errorText';

/** Answers wait at most this long for the calls after them, so that a long batch still streams. */
const REPLY_EVERY_MS = 20;

guardAgainstCrashDialogs();
// Before any driver is loaded, so that every program a driver starts is in the job.
endDriverProgramsWithHost();
const boardName = process.env[STAGE_BOARD_VARIABLE];
if (!boardName) throw new Error(`The driver host must be started by its supervisor (no ${STAGE_BOARD_VARIABLE}).`);
const board = StageBoard.open(boardName);
const channel = connectToSupervisor();
const markOutput = outputMarker(boardName);

channel.onBatch(({ calls }) => {
  let replies: HostReply[] = [];
  let lastPost = performance.now();
  for (const [index, request] of calls.entries()) {
    if (index > 0 && board.yieldRequested()) {
      markOutput(null);
      channel.post({ type: 'replies', replies, unrun: calls.slice(index).map((c) => c.id) });
      return;
    }
    markOutput(request.alias);
    try {
      replies.push({ id: request.id, outcome: callDriver(request, (stage, message) => board.enter(request.id, stage, message)) });
    } catch (error) {
      replies.push({ id: request.id, error: errorText(error) });
    }
    board.leave(request.id);
    if (index === calls.length - 1) markOutput(null);
    if (performance.now() - lastPost >= REPLY_EVERY_MS || index === calls.length - 1) {
      channel.post({ type: 'replies', replies });
      replies = [];
      lastPost = performance.now();
    }
  }
});

channel.post({ type: 'ready', pid: process.pid });
