import { isoNow, systemClock, type Clock } from '../../base/clock.js';
import type { StoreAlert } from '../../contract/index.js';
import type { EventHub } from '../shared/event-hub.js';

/** Problems with stored data the user must hear about (e.g. a corrupt file set aside): "alerts", not the toasts of the renderer nor the sync notifications. */
export class AlertBoard {
  #alerts: StoreAlert[] = [];

  constructor(
    private readonly events: EventHub,
    private readonly clock: Clock = systemClock,
  ) {}

  add(kind: StoreAlert['kind'], keptAs: string): void {
    this.#alerts.push({ kind, keptAs, at: isoNow(this.clock) });
    this.events.emit('app:alerts', this.list());
  }

  list(): StoreAlert[] {
    return this.#alerts.map((a) => ({ ...a }));
  }

  dismiss(keptAs: string): void {
    this.#alerts = this.#alerts.filter((a) => a.keptAs !== keptAs);
    this.events.emit('app:alerts', this.list());
  }
}
