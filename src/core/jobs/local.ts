// The local target: runs a playbook's steps on this machine as child processes, one after the
// other with EMR's failure actions. Argv arrays only, no shell, nothing interpolated. Steps that
// need a cluster (a custom JAR, s3-dist-cp, S3/HDFS paths, spark-submit not on PATH) are reported
// as not runnable here, with the reason, and never pretended to run.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { Step } from '../playbook/model';

export type LocalStepState = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type LocalLogKind = 'stdout' | 'stderr' | 'controller';

export type LocalPlan = { runnable: true; argv: string[] } | { runnable: false; reason: string };

export interface LocalEnv {
  /** Folder steps run in and relative paths resolve from (the playbook's folder). */
  cwd: string;
  /** PATH and the rest of the child's environment; default process.env. */
  env?: NodeJS.ProcessEnv;
}

const REMOTE_URI = /^(s3[an]?|hdfs|gs|wasbs?|abfss?):\/\//i;
const SCRIPT_RUNNER = /(^|\/)script-runner\.jar$/;
const COMMAND_RUNNER = /(^|\/)command-runner\.jar$/;

/** Finds an executable the way execvp would, without a shell: a path with `/` as given (relative
 * to cwd), else the first match on PATH. */
export function findExecutable(name: string, local: LocalEnv): string | undefined {
  const env = local.env ?? process.env;
  const candidates = name.includes('/')
    ? [path.resolve(local.cwd, name)]
    : (env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** How (and whether) this machine can run a step. */
export function planLocalStep(step: Pick<Step, 'jar' | 'arguments'>, local: LocalEnv): LocalPlan {
  const { jar } = step;
  let argv: string[];
  if (COMMAND_RUNNER.test(jar)) {
    argv = [...step.arguments];
    if (!argv.length) return { runnable: false, reason: 'command-runner.jar was given no command' };
  } else if (SCRIPT_RUNNER.test(jar)) {
    argv = [...step.arguments];
    if (!argv.length) return { runnable: false, reason: 'script-runner.jar was given no script' };
  } else if (/s3-dist-cp/i.test(jar)) {
    return { runnable: false, reason: 's3-dist-cp copies between S3 and HDFS on an EMR cluster; it cannot run on this machine' };
  } else {
    return { runnable: false, reason: `a custom JAR (${jar}) runs on Hadoop on an EMR cluster; it cannot run on this machine` };
  }
  const remote = argv.findIndex((a) => REMOTE_URI.test(a) || REMOTE_URI.test(a.replace(/^[^=]*=/, '')));
  if (remote >= 0)
    return { runnable: false, reason: `argument ${remote + 1} refers to ${argv[remote].slice(0, 200)}, which is not on this machine` };
  // A script given as the command runs through its interpreter.
  if (/\.py$/i.test(argv[0])) argv = ['python3', ...argv];
  else if (/\.sh$/i.test(argv[0]) && !findExecutable(argv[0], local)) argv = ['bash', ...argv];
  const program = argv[0];
  const found = findExecutable(program, local);
  if (!found) {
    return {
      runnable: false,
      reason:
        program === 'spark-submit'
          ? 'spark-submit is not on PATH on this machine'
          : `"${program.slice(0, 200)}" is not on PATH on this machine`,
    };
  }
  return { runnable: true, argv: [found, ...argv.slice(1)] };
}

export interface LocalStepStatus {
  index: number;
  id: string;
  name: string;
  state: LocalStepState;
  started?: number;
  ended?: number;
  exitCode?: number | null;
  failure?: { reason: string };
}

export interface LocalRunCallbacks {
  onStatus?(status: LocalStepStatus): void;
  onOutput?(index: number, kind: LocalLogKind, text: string): void;
}

/** Bytes of each log kept in memory per step (the monitor shows the tail beyond). */
const LOCAL_LOG_LIMIT = 4 * 1024 * 1024;

export class LocalRun {
  readonly statuses: LocalStepStatus[];
  readonly logs: Record<LocalLogKind, string>[];
  private readonly controller = new AbortController();

  constructor(
    readonly steps: readonly Step[],
    private readonly local: LocalEnv,
    private readonly callbacks: LocalRunCallbacks = {},
    private readonly now: () => number = Date.now,
    idPrefix = `l-${now().toString(36)}`,
  ) {
    this.statuses = steps.map((s, index) => ({ index, id: `${idPrefix}-${index + 1}`, name: s.name, state: 'PENDING' }));
    this.logs = steps.map(() => ({ stdout: '', stderr: '', controller: '' }));
  }

  /** Cancels the running step (SIGTERM, then SIGKILL) and every pending one. */
  cancel(): void {
    this.controller.abort();
  }

  /** Cancels one step: a pending one is skipped; the running one is stopped. */
  cancelStep(index: number): boolean {
    const s = this.statuses[index];
    if (!s) return false;
    if (s.state === 'PENDING') {
      this.set(index, { state: 'CANCELLED', ended: this.now() });
      return true;
    }
    if (s.state === 'RUNNING') {
      this.stepAbort?.abort();
      return true;
    }
    return false;
  }

  private stepAbort?: AbortController;

  private set(index: number, change: Partial<LocalStepStatus>): void {
    Object.assign(this.statuses[index], change);
    this.callbacks.onStatus?.({ ...this.statuses[index] });
  }

  private append(index: number, kind: LocalLogKind, text: string): void {
    const log = this.logs[index];
    if (log[kind].length < LOCAL_LOG_LIMIT) log[kind] += text.slice(0, LOCAL_LOG_LIMIT - log[kind].length);
    this.callbacks.onOutput?.(index, kind, text);
  }

  /** Runs every step in order; resolves with the final statuses (never rejects for a step). */
  async run(): Promise<LocalStepStatus[]> {
    for (let i = 0; i < this.steps.length; i++) {
      if (this.statuses[i].state !== 'PENDING') continue;
      if (this.controller.signal.aborted) {
        this.set(i, { state: 'CANCELLED', ended: this.now() });
        continue;
      }
      const step = this.steps[i];
      const plan = planLocalStep(step, this.local);
      this.set(i, { state: 'RUNNING', started: this.now() });
      let outcome: { state: LocalStepState; exitCode?: number | null; reason?: string };
      if (!plan.runnable) {
        this.append(i, 'controller', `Not runnable on this machine: ${plan.reason}\n`);
        outcome = { state: 'FAILED', reason: `Not runnable here: ${plan.reason}` };
      } else {
        outcome = await this.exec(i, plan.argv);
      }
      this.set(i, {
        state: outcome.state,
        ended: this.now(),
        exitCode: outcome.exitCode,
        failure: outcome.reason ? { reason: outcome.reason } : undefined,
      });
      if (outcome.state === 'FAILED' && step.actionOnFailure !== 'CONTINUE') {
        for (let k = i + 1; k < this.steps.length; k++)
          if (this.statuses[k].state === 'PENDING') this.set(k, { state: 'CANCELLED', ended: this.now() });
      }
    }
    return this.statuses.map((s) => ({ ...s }));
  }

  private exec(index: number, argv: string[]): Promise<{ state: LocalStepState; exitCode?: number | null; reason?: string }> {
    const stepAbort = new AbortController();
    this.stepAbort = stepAbort;
    const onRunAbort = (): void => stepAbort.abort();
    this.controller.signal.addEventListener('abort', onRunAbort, { once: true });
    this.append(index, 'controller', `${new Date(this.now()).toISOString()} INFO startExec ${JSON.stringify(argv)} in ${this.local.cwd}\n`);
    return new Promise((resolve) => {
      // No shell: argv goes to execve as is.
      const child = spawn(argv[0], argv.slice(1), {
        cwd: this.local.cwd,
        env: this.local.env ?? process.env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
      };
      stepAbort.signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8').on('data', (t: string) => this.append(index, 'stdout', t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => this.append(index, 'stderr', t));
      let done = false;
      const finish = (result: { state: LocalStepState; exitCode?: number | null; reason?: string }): void => {
        if (done) return;
        done = true;
        clearTimeout(killTimer);
        this.controller.signal.removeEventListener('abort', onRunAbort);
        this.append(
          index,
          'controller',
          `${new Date(this.now()).toISOString()} INFO Step ${result.state === 'CANCELLED' ? 'cancelled' : `exited with exitCode ${result.exitCode ?? 'none'}`}\n`,
        );
        resolve(result);
      };
      child.on('error', (e) => finish({ state: 'FAILED', exitCode: null, reason: `Could not start ${argv[0]}: ${e.message}` }));
      child.on('close', (code, signal) => {
        if (stepAbort.signal.aborted) return finish({ state: 'CANCELLED', exitCode: code });
        if (code === 0) return finish({ state: 'COMPLETED', exitCode: 0 });
        finish({ state: 'FAILED', exitCode: code, reason: signal ? `Killed by ${signal}` : `Step failed with exitCode ${code}` });
      });
    });
  }
}
