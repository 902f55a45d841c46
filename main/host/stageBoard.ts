/**
 * Where a driver host is: which call, which stage (OpenDriver, the message,
 * CloseDriver) and since when. The host writes it into memory it shares with
 * its supervisor before every step; the supervisor reads it only when the
 * host has crashed or missed a deadline. Shared memory outlives the host and
 * costs a few stores a step, where a message to the supervisor costs a pipe
 * write (about 0.25 ms under Wine, as much as loading a small driver).
 */
import { randomUUID } from 'node:crypto';
import type { CallStage } from '../../app/drivers';
import { sharedMemory, type SharedMemory } from '../win32/kernel32';

/** The host learns the board's name from its environment. */
export const STAGE_BOARD_VARIABLE = 'DRIVERS_PANEL_STAGE_BOARD';

export interface StagePosition {
  /** The last call the host started. */
  callId: number;
  /** Its stage, or null once the call is over. */
  stage: CallStage | null;
  /** In the message stage, the message being sent (a codec's probe sends several); else null. */
  message: number | null;
  /** When the call started, or ended (Date.now()). */
  since: number;
}

const stages: readonly CallStage[] = ['open', 'message', 'close'];
// Float64 cells: a sequence number (odd while a write is under way), the call, the stage (0: over), the time;
// then the supervisor's own: 1 when a person's request waits for the batch; then the message (NaN: none).
const CELLS = 6;
const YIELD = 4;
const MESSAGE = 5;
const SIZE = CELLS * Float64Array.BYTES_PER_ELEMENT;

export class StageBoard {
  private readonly cells: Float64Array;

  private constructor(private readonly memory: SharedMemory) {
    this.cells = new Float64Array(memory.bytes, 0, CELLS);
  }

  /** The supervisor's side: a new board, named for one host. */
  static create(): { name: string; board: StageBoard } {
    const name = `Local\\MultimediaDriversPanel.${randomUUID()}`;
    const memory = sharedMemory(name, SIZE, true);
    if (!memory) throw new Error('Windows refused the memory that tells where the driver host is');
    return { name, board: new StageBoard(memory) };
  }

  /** The host's side: the board its supervisor named. */
  static open(name: string): StageBoard {
    const memory = sharedMemory(name, SIZE, false);
    if (!memory) throw new Error(`The driver host could not open its stage board ${name}`);
    return new StageBoard(memory);
  }

  enter(callId: number, stage: CallStage, message?: number): void {
    this.write(callId, stages.indexOf(stage) + 1, stage === 'open' ? Date.now() : this.cells[3] ?? Date.now(), message ?? NaN);
  }

  leave(callId: number): void {
    this.write(callId, 0, Date.now(), NaN);
  }

  /** What the host last wrote; null before its first call, or once the board is closed. */
  read(): StagePosition | null {
    if (this.closed) return null;
    let read = this.snapshot();
    // A write under way takes nanoseconds; a host that died in the middle of one leaves it odd for good, and is read as it is.
    for (let tries = 0; tries < 1000 && (read.sequence % 2 === 1 || read.sequence !== this.cells[0]); tries++) read = this.snapshot();
    if (read.sequence === 0) return null;
    return { callId: read.callId, stage: stages[read.code - 1] ?? null, since: read.since, message: Number.isNaN(read.message) ? null : read.message };
  }

  /** The supervisor's side: a person's request is waiting, so the host ends its batch after the call it is in. */
  requestYield(): void {
    if (!this.closed) this.cells[YIELD] = 1;
  }

  /** The supervisor's side, as it sends a batch. */
  clearYield(): void {
    if (!this.closed) this.cells[YIELD] = 0;
  }

  /** The host's side, between two calls of a batch. */
  yieldRequested(): boolean {
    return this.cells[YIELD] === 1;
  }

  /** After this the board's memory is gone: reads return null. */
  close(): void {
    this.closed = true;
    this.memory.close();
  }

  private closed = false;

  private snapshot(): { sequence: number; callId: number; code: number; since: number; message: number } {
    return { sequence: this.cells[0] ?? 0, callId: this.cells[1] ?? 0, code: this.cells[2] ?? 0, since: this.cells[3] ?? 0, message: this.cells[MESSAGE] ?? NaN };
  }

  private write(callId: number, code: number, since: number, message: number): void {
    const sequence = this.cells[0] ?? 0;
    this.cells[0] = sequence + 1;
    this.cells[1] = callId;
    this.cells[2] = code;
    this.cells[3] = since;
    this.cells[MESSAGE] = message;
    this.cells[0] = sequence + 2;
  }
}
