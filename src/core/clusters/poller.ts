// Refreshes something that is still changing (a starting cluster, a running step) with capped
// exponential back-off: quick at first, slower while nothing changes, back to quick when it
// does; stops by itself when nothing is changing any more. Pause while the view is hidden,
// resume when it shows again, stop for good on dispose. Errors slow it down, never stop it.
import { backoffDelays, sleep as realSleep, type BackoffOptions } from '../aws/backoff';

/** What one refresh found: `changed` (something moved: poll again soon), `unchanged` (still in
 * flux but nothing new: back off) or `settled` (nothing left that changes: stop). */
export type PollOutcome = 'changed' | 'unchanged' | 'settled';

export type PollerState = 'idle' | 'running' | 'paused' | 'stopped';

export interface PollerOptions extends BackoffOptions {
  /** Called with each failed refresh (the log, the node's error). */
  onError?: (error: unknown) => void;
  /** Test seam: how the poller waits. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class Poller {
  private stateValue: PollerState = 'idle';
  private controller?: AbortController;
  private loop?: Promise<void>;
  /** Every wait the poller has started, in ms (shown in tests and the log). */
  readonly delays: number[] = [];

  constructor(
    private readonly refresh: (signal: AbortSignal) => Promise<PollOutcome>,
    private readonly options: PollerOptions = {},
  ) {}

  get state(): PollerState {
    return this.stateValue;
  }

  /** Starts (or restarts after a pause or settling) with the shortest delay. No-op once stopped. */
  start(): void {
    if (this.stateValue === 'stopped' || this.stateValue === 'running') return;
    this.stateValue = 'running';
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  /** Stops polling until resume(); the refresh in flight is aborted. */
  pause(): void {
    if (this.stateValue !== 'running') return;
    this.stateValue = 'paused';
    this.controller?.abort();
  }

  resume(): void {
    if (this.stateValue === 'paused') {
      this.stateValue = 'idle';
      this.start();
    }
  }

  /** Stops for good; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stateValue = 'stopped';
    this.controller?.abort();
    await this.loop;
  }

  /** Resolves when the current loop ends (settled, paused or stopped). */
  whenIdle(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const wait = this.options.sleep ?? realSleep;
    let delays = backoffDelays(this.options);
    try {
      while (!signal.aborted) {
        const ms = delays.next().value;
        this.delays.push(ms);
        await wait(ms, signal);
        if (signal.aborted) return;
        let outcome: PollOutcome;
        try {
          outcome = await this.refresh(signal);
        } catch (e) {
          if (signal.aborted) return;
          this.options.onError?.(e);
          continue;
        }
        if (outcome === 'settled') {
          if (this.stateValue === 'running') this.stateValue = 'idle';
          return;
        }
        if (outcome === 'changed') delays = backoffDelays(this.options);
      }
    } catch (e) {
      // A wait aborted by pause/stop ends the loop quietly.
      if (!signal.aborted) throw e;
    }
  }
}

/** The outcome of a refresh from the states seen before and after (id → state): `settled` when
 * none is in a `changing` state, `changed` when any state differs, else `unchanged`. */
export function compareStates(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  changing: readonly string[],
): PollOutcome {
  if (![...after.values()].some((s) => changing.includes(s))) return 'settled';
  if (before.size !== after.size) return 'changed';
  for (const [id, state] of after) if (before.get(id) !== state) return 'changed';
  return 'unchanged';
}
