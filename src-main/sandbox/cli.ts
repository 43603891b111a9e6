// `npm run sandbox -- --port <n> --credentials-out <file>`: the demo sandbox on its own, with
// activity, until SIGTERM/SIGINT/SIGHUP. The credentials file is written before `Sandbox: <endpoint>`.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';

const DEMO_ACTIVITY_MS = 20_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'credentials-out': { type: 'string' },
      'run-time-ms': { type: 'string', default: '4000' },
      'no-activity': { type: 'boolean', default: false },
      // `in-process`: each demo instance backed by a registry inside the sandbox (see startSandbox).
      registries: { type: 'string', default: 'none' },
    },
  });
  const port = Number(values.port);
  const runTimeMs = Number(values['run-time-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not ${values.port}`);
  if (!Number.isInteger(runTimeMs) || runTimeMs < 0) throw new Error('--run-time-ms must be a whole number');
  const registries = values.registries;
  if (registries !== 'in-process' && registries !== 'none') throw new Error('--registries must be in-process or none');

  const sandbox = await startSandbox({
    port,
    runTimeMs,
    activity: values['no-activity'] ? false : { intervalMs: DEMO_ACTIVITY_MS },
    demoRegistries: registries,
  });
  // Listening for the stop before saying it is ready: whoever waits for that line may signal
  // at once. A stop may also arrive twice (from whoever signals the whole tree, and again from
  // scripts/sandbox.mjs passing it on): the second must not cut the first one's close short.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);

  const out = values['credentials-out'];
  if (out) {
    const credentials = { endpoint: sandbox.endpoint, accounts: sandbox.accounts };
    await writeFile(out, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  console.log(`Sandbox: ${sandbox.endpoint}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
