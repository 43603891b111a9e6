import { createSubscriber } from 'svelte/reactivity';

/**
 * One clock for every live duration on screen: it ticks each second only while something shown
 * reads it (a running run's duration), with one timer however many rows read it.
 */
class Ticker {
  #now = Date.now();
  #readers = 0;
  readonly #subscribe = createSubscriber((update) => {
    this.#readers += 1;
    this.#now = Date.now();
    const timer = setInterval(() => {
      this.#now = Date.now();
      update();
    }, 1000);
    return () => {
      this.#readers -= 1;
      clearInterval(timer);
    };
  });

  /** Now, in ms; read inside an effect or a template, it makes that re-run every second. */
  get now(): number {
    this.#subscribe();
    return this.#readers > 0 ? this.#now : Date.now();
  }
}

export const ticker = new Ticker();
