/**
 * Group commit: callers that append while a write is in flight are written together in the next
 * one, each waiting for the commit that holds its entries. No added delay (a lone caller is
 * written at once), and under load one transaction, one chain-head lock and one WAL flush serve
 * many requests instead of one each. If a write fails, every caller in it gets the error.
 */
export class GroupCommit<T, R> {
  private queue: { items: T[]; resolve(result: R[]): void; reject(error: unknown): void }[] = [];
  private writing = false;

  constructor(private readonly write: (items: T[]) => Promise<R[]>) {}

  submit(items: T[]): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        const results = await this.write(group.flatMap((caller) => caller.items));
        let offset = 0;
        for (const caller of group) {
          caller.resolve(results.slice(offset, offset + caller.items.length));
          offset += caller.items.length;
        }
      } catch (error) {
        for (const caller of group) caller.reject(error);
      }
    }
    this.writing = false;
  }
}
