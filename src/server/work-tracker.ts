/**
 * What the process is still doing for someone: HTTP requests being answered and the work a Slack
 * listener goes on with after its acknowledgement. A shutdown waits for it, up to a deadline.
 */
export class WorkTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Returns `work` itself, so callers still see its result or error. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true once nothing is pending (work started meanwhile included), false at the deadline. */
  async settled(deadline: number): Promise<boolean> {
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.all([...this.pending]), expired]);
      clearTimeout(timer);
    }
    return true;
  }
}
