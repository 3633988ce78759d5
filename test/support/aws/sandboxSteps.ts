// The sandbox EMR's step runner: a step submitted to a sandbox cluster runs for real through the
// local target (src/core/jobs/local.ts) in the sandbox's step folder; a step the local target
// cannot run fails with the reason, in its logs and FailureDetails, never faked as done.
import type { StepRunResult, EmrStep } from './emrService';
import { LocalRun, planLocalStep } from '../../../src/core/jobs/local';

export function localStepRunner(cwd: string): (step: EmrStep, cluster: unknown, signal: AbortSignal) => Promise<StepRunResult> {
  return async (step, _cluster, signal) => {
    const playbookStep = { name: step.name, type: 'CUSTOM_JAR', actionOnFailure: 'CONTINUE', jar: step.jar, arguments: step.args };
    const plan = planLocalStep(playbookStep, { cwd });
    if (!plan.runnable) {
      const message = `Not runnable in the local sandbox: ${plan.reason}`;
      return {
        outcome: 'FAILED',
        failure: { Reason: 'Not runnable in the sandbox', Message: message },
        logs: { stdout: '', stderr: `${message}\n`, controller: `INFO Step ${step.id} not started: ${plan.reason}\n` },
      };
    }
    const run = new LocalRun([playbookStep], { cwd }, {}, Date.now, step.id);
    signal.addEventListener('abort', () => run.cancel(), { once: true });
    const [status] = await run.run();
    const logs = run.logs[0];
    if (status.state === 'COMPLETED') return { outcome: 'COMPLETED', logs };
    return {
      outcome: 'FAILED',
      failure: { Reason: status.failure?.reason ?? 'Step failed', Message: status.failure?.reason ?? 'Step failed' },
      logs,
    };
  };
}
