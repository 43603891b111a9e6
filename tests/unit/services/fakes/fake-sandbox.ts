import type { EmbeddedSandbox } from '../../../../src-main/services/cloud/sandbox-service.js';
import { deferred } from './fake-cloud.js';

export const demoAccounts = [
  {
    name: 'Demo Prod',
    uin: '100000000001',
    secretId: 'AKIDsandboxDemoProd000000000000000001',
    secretKey: 'sandboxDemoProdSecretKey000000001',
    instances: [{ name: 'prod-gz' }, { name: 'prod-sh' }],
  },
  {
    name: 'Demo Dev',
    uin: '100000000002',
    secretId: 'AKIDsandboxDemoDev0000000000000000002',
    secretKey: 'sandboxDemoDevSecretKey0000000002',
    instances: [{ name: 'dev-gz' }],
  },
] as const;

export interface StartedSandbox extends EmbeddedSandbox {
  closed: boolean;
}

/**
 * Starts stand-ins for the embedded sandbox: each start is a new one on a new port. `holdStarts()`
 * keeps starts pending until `finishStarts()`; `failNext(message)` makes the next start fail.
 */
export class SandboxStarter {
  readonly started: StartedSandbox[] = [];
  #failures: string[] = [];
  #holding = false;
  readonly #pending: (() => void)[] = [];

  /** How many times the app asked for a sandbox to start. */
  get starts(): number {
    return this.started.length + this.#failed;
  }
  #failed = 0;

  failNext(message: string): void {
    this.#failures.push(message);
  }

  holdStarts(): void {
    this.#holding = true;
  }

  finishStarts(): void {
    this.#holding = false;
    for (const go of this.#pending.splice(0)) go();
  }

  readonly start = async (): Promise<EmbeddedSandbox> => {
    if (this.#holding) {
      const gate = deferred();
      this.#pending.push(() => gate.resolve());
      await gate.promise;
    }
    const failure = this.#failures.shift();
    if (failure !== undefined) {
      this.#failed++;
      throw new Error(failure);
    }
    const sandbox: StartedSandbox = {
      endpoint: `http://127.0.0.1:${String(41000 + this.started.length)}`,
      accounts: demoAccounts,
      closed: false,
      async close() {
        sandbox.closed = true;
      },
    };
    this.started.push(sandbox);
    return sandbox;
  };
}
