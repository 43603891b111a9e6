/**
 * Runs async tasks one after another, in the order they were queued: a later task starts only
 * once the earlier one has settled, whatever its outcome. Used wherever a change reads state,
 * awaits, and writes it back — so two overlapping changes cannot undo each other.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
