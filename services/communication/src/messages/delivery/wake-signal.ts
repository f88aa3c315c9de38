/**
 * A sleep that can be cut short: the worker waits on it between polls, and `wake()` (a new
 * message was committed, or shutdown) ends the wait at once. A wake with nobody asleep is
 * remembered, so work committed just before the worker went to sleep is not missed.
 */
export class WakeSignal {
  private pending: (() => void) | undefined;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  async sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.pending = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
    this.pending = undefined;
    this.woken = false;
  }
}
