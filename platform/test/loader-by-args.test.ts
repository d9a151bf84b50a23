import { expect, it } from 'vitest';
import { loaderByArgs } from '../src/loader-by-args.ts';

interface PageArgs {
  first: number;
  after?: string;
}

/** A loader whose batch function records its calls and answers `id:first` per id. */
function recordingLoader() {
  const calls: { ids: string[]; args: PageArgs }[] = [];
  const loader = loaderByArgs<PageArgs, string>(async (ids, args) => {
    calls.push({ ids, args });
    return ids.map((id) => `${id}:${args.first}`);
  });
  return { loader, calls };
}

it('answers keys with equal arguments with one load call per distinct argument set', async () => {
  const { loader, calls } = recordingLoader();
  const values = await Promise.all([
    loader.load({ id: 'a', args: { first: 5 } }),
    loader.load({ id: 'b', args: { first: 10 } }),
    loader.load({ id: 'c', args: { first: 5 } }),
    loader.load({ id: 'd', args: { first: 10 } }),
    loader.load({ id: 'e', args: { first: 5 } }),
  ]);
  expect(values).toEqual(['a:5', 'b:10', 'c:5', 'd:10', 'e:5']);
  expect(calls).toEqual([
    { ids: ['a', 'c', 'e'], args: { first: 5 } },
    { ids: ['b', 'd'], args: { first: 10 } },
  ]);
});

it('treats structurally equal argument objects as the same set', async () => {
  const { loader, calls } = recordingLoader();
  // Distinct objects, as GraphQL builds a fresh args object for every parent.
  await Promise.all(['a', 'b'].map((id) => loader.load({ id, args: { first: 5, after: 'x' } })));
  expect(calls).toEqual([{ ids: ['a', 'b'], args: { first: 5, after: 'x' } }]);
});

it('caches by id and arguments together', async () => {
  const { loader, calls } = recordingLoader();
  await Promise.all([loader.load({ id: 'a', args: { first: 5 } }), loader.load({ id: 'a', args: { first: 5 } })]);
  expect(await loader.load({ id: 'a', args: { first: 5 } })).toBe('a:5');
  expect(calls).toHaveLength(1);
  expect(calls[0]?.ids).toEqual(['a']);

  expect(await loader.load({ id: 'a', args: { first: 3 } })).toBe('a:3');
  expect(calls).toHaveLength(2);
});

it('rejects the keys of a failing load', async () => {
  const loader = loaderByArgs<PageArgs, string>(async () => {
    throw new Error('database unavailable');
  });
  await expect(loader.load({ id: 'a', args: { first: 5 } })).rejects.toThrow('database unavailable');
});

it('fails only the keys of the argument set whose load failed', async () => {
  const loader = loaderByArgs<PageArgs, string>(async (ids, args) => {
    if (args.first === 5) throw new Error('database unavailable');
    return ids.map((id) => `${id}:${args.first}`);
  });
  const [failed, served] = await Promise.allSettled([
    loader.load({ id: 'a', args: { first: 5 } }),
    loader.load({ id: 'b', args: { first: 3 } }),
  ]);
  expect(failed.status).toBe('rejected');
  expect(served).toEqual({ status: 'fulfilled', value: 'b:3' });
});
