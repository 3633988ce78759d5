// Asks a run whether it has a follow-up to offer (e.g. UNLOAD to S3) and shows it as a button.
import type { LogOutputChannel } from 'vscode';
import type { QueryExecution } from '../../core/engines/engine';
import type { ActiveRun, RunOutlet } from './activeRun';

export function makeOffer(
  active: ActiveRun,
  outlet: RunOutlet,
  outcome: { execution?: QueryExecution; error?: unknown },
  log: LogOutputChannel | undefined,
): void {
  let offer;
  try {
    offer = active.run.offer?.(outcome);
  } catch (e) {
    log?.warn(`Results panel: offer failed: ${String(e)}`);
  }
  if (!offer) return;
  active.offer = offer;
  outlet.offer();
}
