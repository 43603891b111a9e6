import type {
  AppBridge,
  Channel,
  EventName,
  InputOf,
  PayloadOf,
  Result,
  ResultOf,
  WireEvent,
  WireReply,
} from '../../src-main/contract/index.js';

type Pending = { resolve: (r: Result<unknown>) => void };

/**
 * The browser host's transport: one WebSocket to 127.0.0.1 authorised by the per-launch token.
 * Requests made while disconnected wait for the reconnect rather than fail.
 */
export class WebSocketBridge implements AppBridge {
  #socket: WebSocket | undefined;
  #open: Promise<WebSocket> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #handlers = new Map<string, Set<(payload: unknown) => void>>();
  readonly #connectionListeners = new Set<(connected: boolean) => void>();

  constructor(private readonly url: string) {}

  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
    return this.#connect().then(
      (socket) =>
        new Promise<ResultOf<C>>((resolve) => {
          const id = this.#nextId++;
          this.#pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
          socket.send(JSON.stringify({ id, channel, input }));
        }),
    );
  }

  on<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): () => void {
    const set = this.#handlers.get(event) ?? new Set();
    set.add(handler as (payload: unknown) => void);
    this.#handlers.set(event, set);
    void this.#connect();
    return () => set.delete(handler as (payload: unknown) => void);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  #connect(): Promise<WebSocket> {
    this.#open ??= new Promise<WebSocket>((resolve) => {
      const attempt = (delay: number) => {
        const socket = new WebSocket(this.url);
        socket.onopen = () => {
          this.#socket = socket;
          this.#notify(true);
          resolve(socket);
        };
        socket.onmessage = (message) => this.#receive(String(message.data));
        socket.onclose = () => {
          if (this.#socket === socket) this.#dropped();
          else setTimeout(() => attempt(Math.min(delay * 2, 5000)), delay);
        };
      };
      attempt(250);
    });
    return this.#open;
  }

  #dropped(): void {
    this.#socket = undefined;
    this.#open = undefined;
    this.#notify(false);
    for (const [id, pending] of this.#pending) {
      pending.resolve({ ok: false, error: { code: 'INTERNAL', message: 'Connection to the app lost' } });
      this.#pending.delete(id);
    }
    setTimeout(() => void this.#connect(), 500);
  }

  #receive(text: string): void {
    const frame = JSON.parse(text) as Partial<WireReply & WireEvent>;
    if (typeof frame.id === 'number' && frame.result) {
      this.#pending.get(frame.id)?.resolve(frame.result);
      this.#pending.delete(frame.id);
    } else if (typeof frame.event === 'string') {
      for (const handler of this.#handlers.get(frame.event) ?? []) handler(frame.payload);
    }
  }

  #notify(connected: boolean): void {
    for (const listener of this.#connectionListeners) listener(connected);
  }
}
