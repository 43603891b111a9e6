import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A user-data dir of its own in the OS temp dir, for the real ProfileStore / JsonDocument. Also
 * stands in for other folders the app reads (a `~/.tccli`).
 */
export class TempDir {
  private constructor(readonly dir: string) {}

  static async create(prefix = 'tcr-unit-'): Promise<TempDir> {
    return new TempDir(await mkdtemp(path.join(os.tmpdir(), prefix)));
  }

  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  async write(name: string, content: string | object): Promise<string> {
    const file = this.path(name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  read(name: string): Promise<string> {
    return readFile(this.path(name), 'utf8');
  }

  async readJson<T = unknown>(name: string): Promise<T> {
    return JSON.parse(await this.read(name)) as T;
  }

  async exists(name: string): Promise<boolean> {
    return readFile(this.path(name)).then(
      () => true,
      () => false,
    );
  }

  /** Names of the files in the dir (or a folder in it), sorted. */
  async files(sub = '.'): Promise<string[]> {
    return (await readdir(this.path(sub))).sort();
  }

  /**
   * Makes every later write of `name` fail for real, even as root: a non-empty folder takes its
   * place, and an atomic write cannot rename a file over it. The old content is kept aside.
   */
  async breakWrites(name: string): Promise<void> {
    const file = this.path(name);
    const old = await readFile(file, 'utf8').catch(() => undefined);
    await rm(file, { force: true });
    await mkdir(path.join(file, 'blocker'), { recursive: true });
    if (old !== undefined) await writeFile(`${file}.before-break`, old);
  }

  /** Undoes `breakWrites`: the file is back as it was before. */
  async healWrites(name: string): Promise<void> {
    const file = this.path(name);
    await rm(file, { recursive: true, force: true });
    const old = await readFile(`${file}.before-break`, 'utf8').catch(() => undefined);
    if (old !== undefined) {
      await writeFile(file, old);
      await rm(`${file}.before-break`);
    }
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}
