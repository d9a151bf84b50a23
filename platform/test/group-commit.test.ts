import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/audit/group-commit.ts';

/** A write that can be held open, to submit while it is in flight. */
function heldWrites() {
  const writes: number[][] = [];
  let release: () => void = () => {};
  let fail: Error | null = null;
  const write = async (items: number[]) => {
    writes.push(items);
    await new Promise<void>((resolve) => (release = resolve));
    if (fail) throw fail;
    return items.map((item) => item * 10);
  };
  return { writes, write, release: () => release(), failNext: (error: Error) => (fail = error) };
}

describe('GroupCommit', () => {
  it('writes a lone caller at once, and everyone who arrives meanwhile in one next write', async () => {
    const held = heldWrites();
    const group = new GroupCommit(held.write);
    const first = group.submit([1]);
    const second = group.submit([2, 3]);
    const third = group.submit([4]);
    expect(held.writes).toEqual([[1]]);
    held.release();
    expect(await first).toEqual([10]);
    await new Promise((r) => setTimeout(r, 0));
    expect(held.writes).toEqual([[1], [2, 3, 4]]);
    held.release();
    expect(await second).toEqual([20, 30]);
    expect(await third).toEqual([40]);
  });

  it('fails the callers of a failed write, and later writes go on', async () => {
    const held = heldWrites();
    const group = new GroupCommit(held.write);
    const first = group.submit([1]);
    const second = group.submit([2]);
    held.failNext(new Error('disk full'));
    held.release();
    await expect(first).rejects.toThrow('disk full');
    await new Promise((r) => setTimeout(r, 0));
    held.release();
    await expect(second).rejects.toThrow('disk full');
    const third = group.submit([3]);
    held.failNext(null as unknown as Error);
    held.release();
    expect(await third).toEqual([30]);
  });
});
