import type { StoreNotice } from '../contract/index.js';
import type { EventHub } from './event-hub.js';

/** Problems with stored data the user must hear about (e.g. a corrupt file set aside). */
export class NoticeBoard {
  #notices: StoreNotice[] = [];

  constructor(
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(kind: StoreNotice['kind'], keptAs: string): void {
    this.#notices.push({ kind, keptAs, at: this.now().toISOString() });
    this.events.emit('app:notices', this.list());
  }

  list(): StoreNotice[] {
    return this.#notices.map((n) => ({ ...n }));
  }

  dismiss(keptAs: string): void {
    this.#notices = this.#notices.filter((n) => n.keptAs !== keptAs);
    this.events.emit('app:notices', this.list());
  }
}
