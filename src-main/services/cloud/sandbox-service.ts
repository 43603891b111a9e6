import type { SandboxStatus } from '../../contract/index.js';
import { UserFacingError } from '../shared/user-facing-error.js';
import type { AccessKeys } from '../../domain/access-keys.js';

/** The part of a running sandbox the app uses (src-main/sandbox provides it). */
export interface EmbeddedSandbox {
  endpoint: string;
  accounts: readonly {
    name: string;
    uin: string;
    secretId: string;
    secretKey: string;
    instances: readonly unknown[];
  }[];
  close(): Promise<void>;
}

/**
 * The sandbox embedded in the app, so a new user can try everything without a cloud account.
 * Started on first need and kept for the app's lifetime; its demo accounts' keys are the
 * sandbox's own (fake, public), so sandbox profiles never touch the keychain.
 */
export class SandboxService {
  #running: Promise<EmbeddedSandbox> | undefined;

  constructor(private readonly start: () => Promise<EmbeddedSandbox>) {}

  ensureRunning(): Promise<EmbeddedSandbox> {
    this.#running ??= this.start().then(
      (sandbox) => sandbox,
      (error: unknown) => {
        this.#running = undefined;
        const why = error instanceof Error ? error.message : String(error);
        throw new UserFacingError('SANDBOX_FAILED', `The sandbox could not start: ${why}`);
      },
    );
    return this.#running;
  }

  async status(addedUins: ReadonlySet<string>): Promise<SandboxStatus> {
    const sandbox = await this.ensureRunning();
    return {
      running: true,
      endpoint: sandbox.endpoint,
      accounts: sandbox.accounts.map((a) => ({
        name: a.name,
        uin: a.uin,
        instanceCount: a.instances.length,
        added: addedUins.has(a.uin),
      })),
    };
  }

  async keysFor(uin: string): Promise<AccessKeys> {
    const sandbox = await this.ensureRunning();
    const account = sandbox.accounts.find((a) => a.uin === uin);
    if (!account) throw new UserFacingError('NOT_FOUND', `The sandbox has no account ${uin}`);
    return { secretId: account.secretId, secretKey: account.secretKey };
  }

  async endpoint(): Promise<string> {
    return (await this.ensureRunning()).endpoint;
  }

  /** Stops the sandbox, also one still starting (it is stopped as soon as it has started). */
  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    await running?.then(
      (sandbox) => sandbox.close(),
      () => undefined, // it never started: nothing to stop
    );
  }
}
