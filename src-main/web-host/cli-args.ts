export interface WebHostArgs {
  port: number;
  userDataDir?: string;
  tccliDir?: string;
  rendererDir?: string;
}

/** `--port <n> --user-data <dir> --tccli-dir <dir> --renderer-dir <dir>`; port 0 = any free port. */
export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  const args: WebHostArgs = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535`);
        args.port = port;
        break;
      }
      case '--user-data':
        args.userDataDir = need();
        break;
      case '--tccli-dir':
        args.tccliDir = need();
        break;
      case '--renderer-dir':
        args.rendererDir = need();
        break;
      default:
        throw new Error(`Unknown option: ${flag}`);
    }
  }
  return args;
}
