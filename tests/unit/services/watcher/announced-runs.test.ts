import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOUNCED_PER_SOURCE, AnnouncedRuns } from '../../../../src-main/services/watcher/announced-runs.js';
import { TempDir } from '../fakes/user-data-dir.js';

const SOURCE = 'p1/tcr-src';
const run = (runId: number, status = 'Succeed') => ({ runId, status });

let dir: TempDir;
beforeEach(async () => {
  dir = await TempDir.create('tcr-announced-');
});
afterEach(() => dir.remove());

async function opened(): Promise<AnnouncedRuns> {
  const announced = new AnnouncedRuns(dir.dir);
  await announced.load();
  return announced;
}

/** One look as the watcher makes it: what is due is announced, then recorded. */
async function look(announced: AnnouncedRuns, runs: { runId: number; status: string }[]): Promise<number[]> {
  const due = announced.due(SOURCE, runs);
  await announced.commit(SOURCE, runs, due);
  return due;
}

describe('announced runs', () => {
  it('announces nothing of the history at the first look, then each new final run once', async () => {
    const announced = await opened();
    expect(await look(announced, [run(3), run(2, 'Failed'), run(1)])).toEqual([]);
    expect(await look(announced, [run(5, 'InProgress'), run(4), run(3), run(2, 'Failed')])).toEqual([4]);
    expect(await look(announced, [run(5, 'InProgress'), run(4), run(3)])).toEqual([]);
    expect(await look(announced, [run(5, 'Failed'), run(4), run(3)])).toEqual([5]);
    expect(await look(announced, [run(5, 'Failed'), run(4), run(3)])).toEqual([]);
  });

  it('announces once across a restart, also a run that finished while the app was closed', async () => {
    const first = await opened();
    await look(first, [run(1)]);
    await look(first, [run(3, 'InProgress'), run(2), run(1)]);
    // The app stops; meanwhile run 3 finished and runs 4 (done) and 5 (running) started.
    const second = await opened();
    expect(await look(second, [run(5, 'InProgress'), run(4, 'Failed'), run(3), run(2), run(1)])).toEqual([4, 3]);
    const third = await opened();
    expect(await look(third, [run(5, 'Stopped'), run(4, 'Failed'), run(3), run(2), run(1)])).toEqual([5]);
    expect(await look(await opened(), [run(5, 'Stopped'), run(4, 'Failed'), run(3)])).toEqual([]);
  });

  it('keeps following a final run that was not announced yet (its tasks could not be read)', async () => {
    const announced = await opened();
    await look(announced, [run(1)]);
    const runs = [run(2, 'Failed'), run(1)];
    expect(announced.due(SOURCE, runs)).toEqual([2]);
    await announced.commit(SOURCE, runs, []); // held back
    const later = await opened();
    expect(later.due(SOURCE, runs)).toEqual([2]);
    await later.commit(SOURCE, runs, [2]);
    expect((await opened()).due(SOURCE, runs)).toEqual([]);
  });

  it('does not announce an old run seen for the first time on a deeper page', async () => {
    const announced = await opened();
    await look(announced, [run(10), run(9)]);
    expect(await look(announced, [run(11), run(10), run(9), run(8, 'Failed')])).toEqual([11]);
  });

  it('writes before it answers, bounded per instance, and forgets a deleted profile', async () => {
    const announced = await opened();
    await look(
      announced,
      Array.from({ length: 300 }, (_, i) => run(300 - i)),
    );
    const file = await dir.readJson<{ sources: { key: string; announced: number[]; newest: number }[] }>(
      'announced-runs.json',
    );
    expect(file.sources).toHaveLength(1);
    expect(file.sources[0]?.announced).toHaveLength(ANNOUNCED_PER_SOURCE);
    expect(file.sources[0]?.newest).toBe(300);
    await announced.forgetProfile('p1');
    expect((await opened()).knows(SOURCE)).toBe(false);
  });

  it('sets a corrupt file aside and starts again with silent history', async () => {
    await dir.write('announced-runs.json', '{"version":1,"sources":[{"key":"x"}]}');
    const announced = await opened();
    expect(announced.knows(SOURCE)).toBe(false);
    expect(await look(announced, [run(1)])).toEqual([]);
    expect((await dir.files()).some((f) => f.startsWith('announced-runs.corrupt-'))).toBe(true);
  });
});
