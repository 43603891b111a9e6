import { SerialQueue } from '../../base/serial-queue.js';

/**
 * One queue per (profile, source instance): every change to an instance's rules — a toggle, an
 * edit, a create, a delete, from any window or an import — runs after the one before it, so a
 * read-back never races another write of the same instance.
 */
export class InstanceQueues {
  readonly #queues = new Map<string, SerialQueue>();

  of(profileId: string, registryId: string): SerialQueue {
    const id = `${profileId}/${registryId}`;
    let queue = this.#queues.get(id);
    if (!queue) {
      queue = new SerialQueue();
      this.#queues.set(id, queue);
    }
    return queue;
  }
}
