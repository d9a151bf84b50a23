import DataLoader from 'dataloader';

export interface KeyWithArgs<A> {
  id: string;
  args: A;
}

/**
 * A DataLoader for a field with arguments under a list (e.g. `patients { observations(first: 5) }`):
 * keys with the same arguments are answered together by one `load(ids, args)` call, so a page of
 * parents costs one query per distinct argument set, not one per parent.
 */
export function loaderByArgs<A, V>(load: (ids: string[], args: A) => Promise<V[]>): DataLoader<KeyWithArgs<A>, V, string> {
  return new DataLoader<KeyWithArgs<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; positions: number[]; ids: string[] }>();
      keys.forEach((key, position) => {
        const argsKey = JSON.stringify(key.args);
        const group = groups.get(argsKey) ?? { args: key.args, positions: [], ids: [] };
        group.positions.push(position);
        group.ids.push(key.id);
        groups.set(argsKey, group);
      });
      const results = new Array<V | Error>(keys.length);
      await Promise.all(
        [...groups.values()].map(async (group) => {
          try {
            const values = await load(group.ids, group.args);
            group.positions.forEach((position, i) => (results[position] = values[i] as V));
          } catch (error) {
            // Only the keys of the failed argument set fail; the other sets keep their answers.
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const position of group.positions) results[position] = failure;
          }
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${key.id}|${JSON.stringify(key.args)}` },
  );
}
