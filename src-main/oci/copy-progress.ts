// The copy engine's progress, throttled: bytes flow in many small pieces, the listener hears at
// most one report per interval while they do, and always one when an artifact finishes.
import type { Clock } from '../base/clock.js';

export interface CopyProgress {
  artifactsDone: number;
  artifactsTotal: number;
  bytesSent: number;
}

export class ProgressReporter {
  private done = 0;
  private sent = 0;
  private lastEmit = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly total: number,
    private readonly clock: Clock,
    private readonly listener: ((progress: CopyProgress) => void) | undefined,
    private readonly intervalMs = 250,
  ) {}

  bytes(count: number): void {
    this.sent += count;
    if (this.clock.now() - this.lastEmit >= this.intervalMs) this.flush();
  }

  artifactDone(): void {
    this.done += 1;
    this.flush();
  }

  flush(): void {
    this.lastEmit = this.clock.now();
    this.listener?.({ artifactsDone: this.done, artifactsTotal: this.total, bytesSent: this.sent });
  }
}
