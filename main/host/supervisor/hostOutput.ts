/**
 * What a driver host writes on its stdout and stderr (a driver's own
 * debugging output, the host's own messages) as lines for a person, each
 * under the alias of the driver that was being called when it was written.
 *
 * The host marks in each stream where a call begins and where its batch ends
 * (outputMark): a mark travels in the same pipe as the driver's bytes, so
 * it divides them exactly, however late the pipe is read; the stage board or
 * the replies, which travel apart, could not. Only so much is kept: lines are
 * cut at LINE_BYTES and a call's output at LINES_PER_CALL lines, and what was
 * cut is said, so that a driver printing megabytes floods neither memory nor
 * the log.
 */
import { outputMark } from '../hostProtocol';

export interface DriverOutput {
  /** The driver being called when the line was written; null for the host's own output, between calls. */
  alias: string | null;
  /** The line as written, without its line end; escaped only where it is printed. */
  text: string;
}

export const LINE_BYTES = 1000;
export const LINES_PER_CALL = 100;

const NUL = 0;
const LF = 10;
const CR = 13;
const NOTHING = Buffer.alloc(0);

/** The output of one call (or of the host between calls), and how much of it was cut. */
interface Segment {
  alias: string | null;
  lines: number;
  cutLines: number;
}

/** Reads one stream of one host; `emit` gets each line as it ends. */
export class HostOutputReader {
  private readonly prefix: Buffer;
  private readonly longestMark: number;
  private line: Buffer[] = [];
  private lineBytes = 0;
  private lineCut = 0;
  /** The bytes after a NUL while they may still be a mark; null otherwise. */
  private mark: Buffer | null = null;
  private segment: Segment = { alias: null, lines: 0, cutLines: 0 };

  constructor(
    hostName: string,
    private readonly emit: (output: DriverOutput) => void,
  ) {
    // A mark is NUL, the prefix, an alias, NUL: outputMark's own layout, read back.
    const sample = outputMark(hostName, '');
    this.prefix = sample.subarray(1, sample.length - 1);
    this.longestMark = this.prefix.length + 4 * 1024;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0) rest = this.mark ? this.readMark(rest) : this.readText(rest);
  }

  /** The stream ended (the host is gone): what is left is said. */
  end(): void {
    if (this.mark) this.rejectMark(this.mark);
    this.endLine();
    this.closeSegment();
  }

  private readText(bytes: Buffer): Buffer {
    const nul = bytes.indexOf(NUL);
    const lf = bytes.indexOf(LF);
    const stop = nul < 0 ? lf : lf < 0 ? nul : Math.min(nul, lf);
    if (stop < 0) {
      this.addText(bytes);
      return NOTHING;
    }
    this.addText(bytes.subarray(0, stop));
    if (stop === lf) this.endLine();
    else this.mark = NOTHING;
    return bytes.subarray(stop + 1);
  }

  private readMark(bytes: Buffer): Buffer {
    const nul = bytes.indexOf(NUL);
    const mark = Buffer.concat([this.mark ?? NOTHING, nul < 0 ? bytes : bytes.subarray(0, nul)]);
    if (!this.couldBeMark(mark) || (nul >= 0 && mark.length < this.prefix.length)) {
      this.rejectMark(mark);
      // The NUL that ended it may begin a mark of its own.
      return nul < 0 ? NOTHING : bytes.subarray(nul);
    }
    if (nul < 0) {
      this.mark = mark;
      return NOTHING;
    }
    this.mark = null;
    this.switchTo(mark.subarray(this.prefix.length).toString('utf8') || null);
    return bytes.subarray(nul + 1);
  }

  private couldBeMark(mark: Buffer): boolean {
    const length = Math.min(mark.length, this.prefix.length);
    return mark.length <= this.longestMark && !mark.includes(LF) && mark.subarray(0, length).equals(this.prefix.subarray(0, length));
  }

  /** Bytes that looked like the start of a mark and were not: text, NUL and all. */
  private rejectMark(mark: Buffer): void {
    this.mark = null;
    let rest = Buffer.concat([Buffer.from([NUL]), mark]);
    for (let lf = rest.indexOf(LF); lf >= 0; lf = rest.indexOf(LF)) {
      this.addText(rest.subarray(0, lf));
      this.endLine();
      rest = rest.subarray(lf + 1);
    }
    this.addText(rest);
  }

  private addText(bytes: Buffer): void {
    const kept = Math.max(0, Math.min(bytes.length, LINE_BYTES - this.lineBytes));
    if (kept > 0) this.line.push(bytes.subarray(0, kept));
    this.lineBytes += kept;
    this.lineCut += bytes.length - kept;
  }

  /** Ends the line being read, also one that a mark or the stream's end cut short. */
  private endLine(): void {
    const bytes = Buffer.concat(this.line);
    const cut = this.lineCut;
    this.line = [];
    this.lineBytes = 0;
    this.lineCut = 0;
    const text = (cut === 0 && bytes.at(-1) === CR ? bytes.subarray(0, -1) : bytes).toString('utf8');
    if (text === '' && cut === 0) return;
    const segment = this.segment;
    if (segment.lines >= LINES_PER_CALL) {
      segment.cutLines++;
      return;
    }
    segment.lines++;
    this.emit({ alias: segment.alias, text: cut === 0 ? text : `${text}… (${cut} more bytes of this line cut)` });
  }

  private switchTo(alias: string | null): void {
    this.endLine();
    this.closeSegment();
    this.segment = { alias, lines: 0, cutLines: 0 };
  }

  private closeSegment(): void {
    const { alias, cutLines } = this.segment;
    if (cutLines === 0) return;
    this.emit({ alias, text: `… ${cutLines} more ${cutLines === 1 ? 'line' : 'lines'} of output cut: at most ${LINES_PER_CALL} lines of a call are kept` });
    this.segment = { ...this.segment, cutLines: 0 };
  }
}

/** Reads `stream` of a host named `hostName` (its stage board's name) for as long as it runs. */
export function relayOutput(stream: NodeJS.ReadableStream, hostName: string, emit: (output: DriverOutput) => void): void {
  const reader = new HostOutputReader(hostName, emit);
  stream.on('data', (chunk: Buffer | string) => reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  stream.on('end', () => reader.end());
}
