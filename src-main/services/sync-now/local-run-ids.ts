// Run ids of this computer: LOCAL_RUN_ID_BASE + the clock's milliseconds, bumped past the last one
// given (and past the newest already in the sync log), so ids only grow, also across restarts.
import { LOCAL_RUN_ID_BASE } from '../../contract/index.js';

export class LocalRunIds {
  #last = 0;

  constructor(
    private readonly now: () => number,
    /** The highest local run id already recorded (read when the first id is given). */
    private readonly knownMax: () => number = () => 0,
  ) {}

  next(): number {
    if (this.#last === 0) this.#last = Math.max(0, this.knownMax());
    const id = Math.max(LOCAL_RUN_ID_BASE + Math.max(0, Math.floor(this.now())), this.#last + 1);
    this.#last = id;
    return id;
  }
}
