/**
 * Group commit: work for one key that arrives while an earlier group for that key is being written
 * is collected and written as the next group, in one go (one transaction). The first arrival does
 * not wait for company, so a lone request costs what it always did; under a burst, a hundred
 * requests become a handful of commits instead of a hundred commits queued on one lock.
 *
 * `write` gets the inputs of a group and returns one outcome per input, in order. When a group of
 * several fails, each of its inputs is written again on its own, so one bad input cannot fail the
 * others; a group of one rejects with its error.
 */
export interface GroupCommit<I, O> {
  submit(key: string, input: I): Promise<O>;
}

interface Waiting<I, O> {
  input: I;
  resolve(outcome: O): void;
  reject(error: unknown): void;
}

export function createGroupCommit<I, O>(
  write: (key: string, inputs: I[]) => Promise<O[]>,
  options: { maxGroup: number },
): GroupCommit<I, O> {
  const queues = new Map<string, Waiting<I, O>[]>();

  async function settle(key: string, group: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await write(
        key,
        group.map((w) => w.input),
      );
      for (const [i, waiting] of group.entries()) waiting.resolve(outcomes[i] as O);
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const waiting of group) await settle(key, [waiting]);
    }
  }

  async function drain(key: string): Promise<void> {
    for (;;) {
      const queue = queues.get(key);
      if (!queue || queue.length === 0) {
        queues.delete(key);
        return;
      }
      await settle(key, queue.splice(0, options.maxGroup));
    }
  }

  return {
    submit(key, input) {
      return new Promise<O>((resolve, reject) => {
        const queue = queues.get(key);
        if (queue) {
          queue.push({ input, resolve, reject });
          return;
        }
        queues.set(key, [{ input, resolve, reject }]);
        void drain(key);
      });
    },
  };
}
