// Loopback EMR (`ElasticMapReduce.*`, API 2009-03-31, JSON 1.1). Clusters and steps move through
// the real state machines on a clock (injectable, so tests step time by hand): clusters STARTING →
// BOOTSTRAPPING → RUNNING/WAITING → TERMINATING → TERMINATED[_WITH_ERRORS]; steps PENDING → RUNNING
// → COMPLETED | FAILED | CANCELLED, one at a time. Finished steps write gzipped logs to S3 under
// `<LogUri><cluster id>/steps/<step id>/` when an S3 client is given.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AwsServiceError, type ServiceDefinition } from './loopbackServer';

export type ClusterState = 'STARTING' | 'BOOTSTRAPPING' | 'RUNNING' | 'WAITING' | 'TERMINATING' | 'TERMINATED' | 'TERMINATED_WITH_ERRORS';
export type StepState = 'PENDING' | 'CANCEL_PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED';
type ActionOnFailure = 'TERMINATE_JOB_FLOW' | 'TERMINATE_CLUSTER' | 'CANCEL_AND_WAIT' | 'CONTINUE';

/** ListClusters and ListSteps page size (EMR's own: 50). */
export const EMR_PAGE_SIZE = 50;

export interface EmrStep {
  id: string;
  name: string;
  actionOnFailure: ActionOnFailure;
  jar: string;
  args: string[];
  mainClass?: string;
  properties: Record<string, string>;
  state: StepState;
  created: number;
  started?: number;
  ended?: number;
  /** How long it runs once started (ms). */
  durationMs: number;
  /** What it ends in when it runs to its end. */
  outcome: 'COMPLETED' | 'FAILED';
  /** Came in through AddJobFlowSteps/RunJobFlow (seeded steps never run for real). */
  submitted?: boolean;
  failure?: { Reason: string; Message: string };
  /** Log text written when it ends (defaults are generated). */
  logs?: { stdout?: string; stderr?: string; controller?: string };
}

export interface EmrInstanceGroup {
  Id: string;
  Name: string;
  Market: 'ON_DEMAND' | 'SPOT';
  InstanceGroupType: 'MASTER' | 'CORE' | 'TASK';
  InstanceType: string;
  RequestedInstanceCount: number;
  BidPrice?: string;
  EbsBlockDevices?: { VolumeSpecification: { VolumeType: string; SizeInGB: number; Iops?: number }; Device: string }[];
  EbsOptimized?: boolean;
}

export interface EmrInstanceFleet {
  Id: string;
  Name: string;
  InstanceFleetType: 'MASTER' | 'CORE' | 'TASK';
  TargetOnDemandCapacity: number;
  TargetSpotCapacity: number;
  InstanceTypeSpecifications: { InstanceType: string; WeightedCapacity: number; BidPrice?: string }[];
}

export interface EmrCluster {
  id: string;
  name: string;
  state: ClusterState;
  stateReason?: { Code: string; Message: string };
  created: number;
  ready?: number;
  ended?: number;
  /** When the next time-driven transition is due (STARTING/BOOTSTRAPPING/TERMINATING). */
  nextAt?: number;
  /** State the cluster ends in once TERMINATING is over. */
  terminalState?: ClusterState;
  releaseLabel: string;
  logUri?: string;
  applications: { Name: string; Version?: string }[];
  instanceGroups: EmrInstanceGroup[];
  instanceFleets: EmrInstanceFleet[];
  keepAlive: boolean;
  ec2: { Ec2KeyName?: string; Ec2SubnetId?: string; Ec2AvailabilityZone?: string; IamInstanceProfile?: string };
  serviceRole?: string;
  tags: { Key: string; Value: string }[];
  configurations: { Classification: string; Properties: Record<string, string> }[];
  bootstrapActions: { Name: string; ScriptBootstrapAction: { Path: string; Args: string[] } }[];
  securityConfiguration?: string;
  steps: EmrStep[];
}

/** What running a step for real produced (the sandbox runs steps through the local target). */
export interface StepRunResult {
  outcome: 'COMPLETED' | 'FAILED';
  failure?: { Reason: string; Message: string };
  logs: { stdout: string; stderr: string; controller: string };
}

export interface EmrServiceOptions {
  /** Where finished steps write their logs (s3rver through its admin client). */
  s3?: S3Client;
  /** Milliseconds since the epoch; default Date.now (tests pass a hand-stepped clock). */
  clock?: () => number;
  /** Runs a submitted step for real when it starts (the sandbox: the local target); the step
   * stays RUNNING until it resolves. Absent: steps end after `durationMs` with their `outcome`. */
  stepRunner?: (step: EmrStep, cluster: EmrCluster, signal: AbortSignal) => Promise<StepRunResult>;
}

const ACTIVE: ClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING'];
const STEP_TERMINAL: StepState[] = ['COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED'];

export class LoopbackEmr {
  readonly clusters = new Map<string, EmrCluster>();
  /** STARTING → BOOTSTRAPPING and BOOTSTRAPPING → RUNNING/WAITING each take this long (ms). */
  startupMs = 2000;
  /** TERMINATING lasts this long (ms). */
  terminateMs = 2000;
  /** Run time of a step submitted through the API (ms). */
  stepDurationMs = 3000;
  /** Log writes still in flight (tests await them). */
  readonly pendingLogWrites: Promise<unknown>[] = [];
  private readonly clock: () => number;

  constructor(private readonly options: EmrServiceOptions = {}) {
    this.clock = options.clock ?? Date.now;
  }

  definition(): ServiceDefinition {
    return {
      targetPrefix: 'ElasticMapReduce',
      signingName: 'elasticmapreduce',
      throttlingType: 'ThrottlingException',
      operations: {
        ListClusters: (b) => this.listClusters(b),
        DescribeCluster: (b) => ({ Cluster: this.describeCluster(this.cluster(b.ClusterId)) }),
        ListSteps: (b) => this.listSteps(b),
        DescribeStep: (b) => {
          const c = this.cluster(b.ClusterId);
          const step = c.steps.find((s) => s.id === b.StepId);
          if (!step)
            throw new AwsServiceError('InvalidRequestException', `Step id '${String(b.StepId)}' is not valid.`, 400, {
              ErrorCode: 'INVALID_STEP_ID',
            });
          return { Step: stepSummary(step, c) };
        },
        ListInstanceGroups: (b) => {
          const c = this.cluster(b.ClusterId);
          if (c.instanceFleets.length)
            throw new AwsServiceError(
              'InvalidRequestException',
              'Instance fleets and instance groups are mutually exclusive. The EMR cluster specified in the request uses instance fleets. The ListInstanceGroups operation does not support clusters that use instance fleets. Use the ListInstanceFleets operation instead.',
              400,
            );
          return {
            InstanceGroups: c.instanceGroups.map((g) => ({
              ...g,
              RunningInstanceCount: this.running(c) ? g.RequestedInstanceCount : 0,
              Status: { State: groupState(c.state), StateChangeReason: {}, Timeline: { CreationDateTime: c.created / 1000 } },
            })),
          };
        },
        ListInstanceFleets: (b) => {
          const c = this.cluster(b.ClusterId);
          if (!c.instanceFleets.length)
            throw new AwsServiceError(
              'InvalidRequestException',
              'Instance fleets and instance groups are mutually exclusive. The EMR cluster specified in the request uses instance groups. The ListInstanceFleets operation does not support clusters that use instance groups. Use the ListInstanceGroups operation instead.',
              400,
            );
          return {
            InstanceFleets: c.instanceFleets.map((f) => ({
              ...f,
              ProvisionedOnDemandCapacity: this.running(c) ? f.TargetOnDemandCapacity : 0,
              ProvisionedSpotCapacity: this.running(c) ? f.TargetSpotCapacity : 0,
              Status: { State: groupState(c.state), StateChangeReason: {}, Timeline: { CreationDateTime: c.created / 1000 } },
            })),
          };
        },
        ListBootstrapActions: (b) => ({
          BootstrapActions: this.cluster(b.ClusterId).bootstrapActions.map((a) => ({
            Name: a.Name,
            ScriptPath: a.ScriptBootstrapAction.Path,
            Args: a.ScriptBootstrapAction.Args,
          })),
        }),
        CancelSteps: (b) => this.cancelSteps(b),
        TerminateJobFlows: (b) => {
          const ids = (b.JobFlowIds as string[] | undefined) ?? [];
          if (ids.length < 1 || ids.length > 10) throw new AwsServiceError('ValidationException', 'JobFlowIds must hold 1-10 ids', 400);
          for (const id of ids) this.terminate(this.cluster(id), 'USER_REQUEST', 'Terminated by user request');
          return {};
        },
        AddJobFlowSteps: (b) => this.addSteps(b),
        RunJobFlow: (b) => this.runJobFlow(b),
      },
    };
  }

  /** Adds a cluster directly (sandbox seed, tests); its steps keep the states given. */
  seedCluster(c: Partial<EmrCluster> & { name: string }): EmrCluster {
    const now = this.clock();
    const cluster: EmrCluster = {
      id: c.id ?? newId('j'),
      state: 'WAITING',
      created: now - 3_600_000,
      ready: now - 3_000_000,
      releaseLabel: 'emr-6.15.0',
      applications: [
        { Name: 'Hadoop', Version: '3.3.6' },
        { Name: 'Spark', Version: '3.4.1' },
      ],
      instanceGroups: [],
      instanceFleets: [],
      keepAlive: true,
      ec2: {},
      tags: [],
      configurations: [],
      bootstrapActions: [],
      steps: [],
      ...c,
    };
    this.clusters.set(cluster.id, cluster);
    return cluster;
  }

  /** A step record for seedCluster, in the given state with a timeline ending before now. */
  seedStep(s: Partial<EmrStep> & { name: string; state: StepState }): EmrStep {
    return {
      id: newId('s'),
      actionOnFailure: 'CONTINUE',
      jar: 'command-runner.jar',
      args: ['spark-submit', '--class', 'com.example.Job', 's3://jobs/job.jar'],
      properties: {},
      created: this.clock() - 600_000,
      durationMs: this.stepDurationMs,
      outcome: s.state === 'FAILED' ? 'FAILED' : 'COMPLETED',
      ...s,
    };
  }

  private running(c: EmrCluster): boolean {
    return c.state === 'RUNNING' || c.state === 'WAITING';
  }

  private cluster(id: unknown): EmrCluster {
    this.advance();
    const c = typeof id === 'string' ? this.clusters.get(id) : undefined;
    if (!c)
      throw new AwsServiceError('InvalidRequestException', `Cluster id '${String(id)}' is not valid.`, 400, {
        ErrorCode: 'INVALID_CLUSTER_ID',
      });
    return c;
  }

  private listClusters(b: Record<string, unknown>): Record<string, unknown> {
    this.advance();
    const states = (b.ClusterStates as ClusterState[] | undefined) ?? [];
    const after = typeof b.CreatedAfter === 'number' ? b.CreatedAfter * 1000 : -Infinity;
    const before = typeof b.CreatedBefore === 'number' ? b.CreatedBefore * 1000 : Infinity;
    const all = [...this.clusters.values()]
      .filter((c) => (states.length ? states.includes(c.state) : true) && c.created >= after && c.created <= before)
      .sort((x, y) => y.created - x.created || (x.id < y.id ? 1 : -1));
    const { page, marker } = pageOf(all, b.Marker);
    return {
      Clusters: page.map((c) => ({ Id: c.id, Name: c.name, Status: clusterStatus(c), NormalizedInstanceHours: 0, ClusterArn: arn(c.id) })),
      Marker: marker,
    };
  }

  private describeCluster(c: EmrCluster): Record<string, unknown> {
    const master =
      this.running(c) || c.state === 'BOOTSTRAPPING'
        ? `ec2-10-0-0-${(parseInt(c.id.slice(-4), 36) % 250) + 1}.compute-1.amazonaws.com`
        : undefined;
    return {
      Id: c.id,
      Name: c.name,
      Status: clusterStatus(c),
      ClusterArn: arn(c.id),
      Ec2InstanceAttributes: {
        ...c.ec2,
        RequestedEc2SubnetIds: c.ec2.Ec2SubnetId ? [c.ec2.Ec2SubnetId] : [],
        RequestedEc2AvailabilityZones: [],
      },
      InstanceCollectionType: c.instanceFleets.length ? 'INSTANCE_FLEET' : 'INSTANCE_GROUP',
      LogUri: c.logUri,
      ReleaseLabel: c.releaseLabel,
      AutoTerminate: !c.keepAlive,
      TerminationProtected: false,
      VisibleToAllUsers: true,
      Applications: c.applications,
      Tags: c.tags,
      ServiceRole: c.serviceRole,
      NormalizedInstanceHours: 0,
      MasterPublicDnsName: master,
      Configurations: c.configurations,
      SecurityConfiguration: c.securityConfiguration,
      StepConcurrencyLevel: 1,
      ScaleDownBehavior: 'TERMINATE_AT_TASK_COMPLETION',
    };
  }

  private listSteps(b: Record<string, unknown>): Record<string, unknown> {
    const c = this.cluster(b.ClusterId);
    const states = (b.StepStates as StepState[] | undefined) ?? [];
    const ids = (b.StepIds as string[] | undefined) ?? [];
    if (ids.length > 10) throw new AwsServiceError('ValidationException', 'StepIds may hold at most 10 ids', 400);
    // Newest first, as EMR returns them.
    const all = [...c.steps]
      .reverse()
      .filter((s) => (states.length ? states.includes(s.state) : true) && (ids.length ? ids.includes(s.id) : true));
    const { page, marker } = pageOf(all, b.Marker);
    return { Steps: page.map((s) => stepSummary(s, c)), Marker: marker };
  }

  private cancelSteps(b: Record<string, unknown>): Record<string, unknown> {
    const c = this.cluster(b.ClusterId);
    const ids = (b.StepIds as string[] | undefined) ?? [];
    if (ids.length < 1 || ids.length > 256) throw new AwsServiceError('ValidationException', 'StepIds must hold 1-256 ids', 400);
    const now = this.clock();
    const info = ids.map((id) => {
      const step = c.steps.find((s) => s.id === id);
      if (!step) return { StepId: id, Status: 'FAILED', Reason: `Step id '${id}' is not valid.` };
      if (step.state === 'PENDING') {
        step.state = 'CANCELLED';
        step.ended = now;
        return { StepId: id, Status: 'SUBMITTED' };
      }
      if (step.state === 'RUNNING') {
        // Cancelling a running step takes a moment: CANCEL_PENDING until the next clock read.
        step.state = 'CANCEL_PENDING';
        step.ended = now;
        this.realRuns.get(step.id)?.abort();
        return { StepId: id, Status: 'SUBMITTED' };
      }
      return { StepId: id, Status: 'FAILED', Reason: `Step ${id} is in state ${step.state} and cannot be cancelled.` };
    });
    return { CancelStepsInfoList: info };
  }

  private addSteps(b: Record<string, unknown>): Record<string, unknown> {
    const c = this.cluster(b.JobFlowId);
    if (!ACTIVE.includes(c.state) || c.state === 'TERMINATING') {
      throw new AwsServiceError(
        'ValidationException',
        `A job flow that is shutting down, terminated, or finished may not be modified.`,
        400,
      );
    }
    const configs = (b.Steps as Record<string, unknown>[] | undefined) ?? [];
    const steps = configs.map((cfg) => this.stepFromConfig(cfg));
    const active = c.steps.filter((s) => s.state === 'PENDING' || s.state === 'RUNNING').length;
    if (active + steps.length > 256)
      throw new AwsServiceError(
        'ValidationException',
        "Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') for cluster exceeded.",
        400,
      );
    c.steps.push(...steps);
    if (c.state === 'WAITING') c.state = 'RUNNING';
    this.advance();
    return { StepIds: steps.map((s) => s.id) };
  }

  private stepFromConfig(cfg: Record<string, unknown>): EmrStep {
    const name = String(cfg.Name ?? '');
    if (!name || name.length > 256) throw new AwsServiceError('ValidationException', 'Step name must be 1-256 characters', 400);
    const jarStep = (cfg.HadoopJarStep ?? {}) as {
      Jar?: string;
      Args?: string[];
      MainClass?: string;
      Properties?: { Key: string; Value: string }[];
    };
    if (!jarStep.Jar) throw new AwsServiceError('ValidationException', 'HadoopJarStep.Jar is required', 400);
    const strings = [
      jarStep.Jar,
      jarStep.MainClass ?? '',
      ...(jarStep.Args ?? []),
      ...(jarStep.Properties ?? []).flatMap((p) => [p.Key, p.Value]),
    ];
    if (strings.reduce((n, s) => n + s.length, 0) > 10240)
      throw new AwsServiceError('ValidationException', 'The total length of HadoopJarStep strings exceeds 10240 characters', 400);
    const args = jarStep.Args ?? [];
    return {
      id: newId('s'),
      name,
      actionOnFailure: (cfg.ActionOnFailure as ActionOnFailure) ?? 'TERMINATE_CLUSTER',
      jar: jarStep.Jar,
      args,
      mainClass: jarStep.MainClass,
      properties: Object.fromEntries((jarStep.Properties ?? []).map((p) => [p.Key, p.Value])),
      state: 'PENDING',
      created: this.clock(),
      durationMs: this.stepDurationMs,
      // A step whose arguments ask for it fails, so failure paths can be driven through the API.
      outcome: args.includes('--loopback-fail') ? 'FAILED' : 'COMPLETED',
      submitted: true,
    };
  }

  private runJobFlow(b: Record<string, unknown>): Record<string, unknown> {
    const name = String(b.Name ?? '');
    if (!name) throw new AwsServiceError('ValidationException', 'Name is required', 400);
    const inst = (b.Instances ?? {}) as Record<string, unknown>;
    const groups = ((inst.InstanceGroups as Record<string, unknown>[] | undefined) ?? []).map((g, i): EmrInstanceGroup => ({
      Id: newId('ig'),
      Name: String(g.Name ?? `${String(g.InstanceRole)} group`),
      Market: (g.Market as 'SPOT') ?? 'ON_DEMAND',
      InstanceGroupType: g.InstanceRole as 'MASTER',
      InstanceType: String(g.InstanceType),
      RequestedInstanceCount: Number(g.InstanceCount ?? 1),
      BidPrice: g.BidPrice as string | undefined,
      EbsOptimized: (g.EbsConfiguration as { EbsOptimized?: boolean } | undefined)?.EbsOptimized,
      EbsBlockDevices: (
        (
          g.EbsConfiguration as
            | {
                EbsBlockDeviceConfigs?: {
                  VolumeSpecification: { VolumeType: string; SizeInGB: number; Iops?: number };
                  VolumesPerInstance?: number;
                }[];
              }
            | undefined
        )?.EbsBlockDeviceConfigs ?? []
      ).flatMap((d) =>
        Array.from({ length: d.VolumesPerInstance ?? 1 }, (_, k) => ({
          VolumeSpecification: d.VolumeSpecification,
          Device: `/dev/sd${String.fromCharCode(98 + i + k)}`,
        })),
      ),
    }));
    const fleets = ((inst.InstanceFleets as Record<string, unknown>[] | undefined) ?? []).map((f): EmrInstanceFleet => ({
      Id: newId('if'),
      Name: String(f.Name ?? f.InstanceFleetType),
      InstanceFleetType: f.InstanceFleetType as 'MASTER',
      TargetOnDemandCapacity: Number(f.TargetOnDemandCapacity ?? 0),
      TargetSpotCapacity: Number(f.TargetSpotCapacity ?? 0),
      InstanceTypeSpecifications: (
        (f.InstanceTypeConfigs as { InstanceType: string; WeightedCapacity?: number; BidPrice?: string }[] | undefined) ?? []
      ).map((t) => ({ InstanceType: t.InstanceType, WeightedCapacity: t.WeightedCapacity ?? 1, BidPrice: t.BidPrice })),
    }));
    if (!groups.length && !fleets.length)
      throw new AwsServiceError('ValidationException', 'Instances must specify InstanceGroups or InstanceFleets', 400);
    const now = this.clock();
    const cluster: EmrCluster = {
      id: newId('j'),
      name,
      state: 'STARTING',
      created: now,
      nextAt: now + this.startupMs,
      releaseLabel: String(b.ReleaseLabel ?? (b.AmiVersion ? `ami-${String(b.AmiVersion)}` : 'emr-6.15.0')),
      logUri: b.LogUri as string | undefined,
      applications: ((b.Applications as { Name: string }[] | undefined) ?? []).map((a) => ({ Name: a.Name })),
      instanceGroups: groups,
      instanceFleets: fleets,
      keepAlive: inst.KeepJobFlowAliveWhenNoSteps === true,
      ec2: {
        Ec2KeyName: inst.Ec2KeyName as string | undefined,
        Ec2SubnetId: inst.Ec2SubnetId as string | undefined,
        Ec2AvailabilityZone: (inst.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone,
        IamInstanceProfile: b.JobFlowRole as string | undefined,
      },
      serviceRole: b.ServiceRole as string | undefined,
      tags: (b.Tags as { Key: string; Value: string }[] | undefined) ?? [],
      configurations: ((b.Configurations as { Classification: string; Properties?: Record<string, string> }[] | undefined) ?? []).map(
        (c) => ({ Classification: c.Classification, Properties: c.Properties ?? {} }),
      ),
      bootstrapActions: (b.BootstrapActions as EmrCluster['bootstrapActions'] | undefined) ?? [],
      securityConfiguration: (b.SecurityConfiguration as string | undefined) || undefined,
      steps: [],
    };
    cluster.steps = ((b.Steps as Record<string, unknown>[] | undefined) ?? []).map((cfg) => this.stepFromConfig(cfg));
    this.clusters.set(cluster.id, cluster);
    return { JobFlowId: cluster.id, ClusterArn: arn(cluster.id) };
  }

  private terminate(c: EmrCluster, code: string, message: string, terminal: ClusterState = 'TERMINATED'): void {
    if (!ACTIVE.includes(c.state) || c.state === 'TERMINATING') return;
    const now = this.clock();
    for (const s of c.steps) {
      if (s.state === 'PENDING' || s.state === 'RUNNING' || s.state === 'CANCEL_PENDING') {
        s.state = s.state === 'PENDING' ? 'CANCELLED' : 'INTERRUPTED';
        s.ended = now;
        this.realRuns.get(s.id)?.abort();
      }
    }
    c.state = 'TERMINATING';
    c.stateReason = { Code: code, Message: message };
    c.terminalState = terminal;
    c.nextAt = now + this.terminateMs;
  }

  /** Applies every transition due by now, each at the time it was due. */
  advance(): void {
    const now = this.clock();
    for (const c of this.clusters.values()) {
      for (let guard = 0; guard < 10_000; guard++) {
        if (!this.step(c, now)) break;
      }
    }
  }

  /** One transition of `c` due by `now`; false when nothing is due. */
  private step(c: EmrCluster, now: number): boolean {
    for (const s of c.steps) {
      if (s.state === 'CANCEL_PENDING') {
        s.state = 'CANCELLED';
        this.writeLogs(c, s);
        return true;
      }
    }
    if ((c.state === 'STARTING' || c.state === 'BOOTSTRAPPING' || c.state === 'TERMINATING') && c.nextAt !== undefined && c.nextAt <= now) {
      const at = c.nextAt;
      if (c.state === 'STARTING') {
        c.state = 'BOOTSTRAPPING';
        c.nextAt = at + this.startupMs;
      } else if (c.state === 'BOOTSTRAPPING') {
        c.state = c.steps.some((s) => s.state === 'PENDING') ? 'RUNNING' : 'WAITING';
        c.ready = at;
        c.nextAt = undefined;
        if (c.state === 'WAITING' && !c.keepAlive) this.terminate(c, 'ALL_STEPS_COMPLETED', 'Steps completed');
      } else {
        c.state = c.terminalState ?? 'TERMINATED';
        c.ended = at;
        c.nextAt = undefined;
      }
      return true;
    }
    if (c.state !== 'RUNNING' && c.state !== 'WAITING') return false;
    const running = c.steps.find((s) => s.state === 'RUNNING');
    if (running) {
      const end = (running.started ?? now) + running.durationMs;
      if (end > now) return false;
      running.state = running.outcome;
      running.ended = end;
      if (running.outcome === 'FAILED') {
        running.failure ??= { Reason: 'Unknown Error.', Message: 'Step failed with exitCode 1.' };
        const rest = c.steps.filter((s) => s.state === 'PENDING');
        if (running.actionOnFailure === 'TERMINATE_CLUSTER' || running.actionOnFailure === 'TERMINATE_JOB_FLOW') {
          this.writeLogs(c, running);
          this.terminate(c, 'STEP_FAILURE', `Shut down as step failed`, 'TERMINATED_WITH_ERRORS');
          c.nextAt = end + this.terminateMs;
          return true;
        }
        if (running.actionOnFailure === 'CANCEL_AND_WAIT') for (const s of rest) Object.assign(s, { state: 'CANCELLED', ended: end });
      }
      this.writeLogs(c, running);
      return true;
    }
    const next = c.steps.find((s) => s.state === 'PENDING');
    if (next) {
      c.state = 'RUNNING';
      next.state = 'RUNNING';
      next.started = Math.max(next.created, c.ready ?? next.created, lastEnd(c));
      if (this.options.stepRunner && next.submitted) this.runForReal(c, next);
      return true;
    }
    if (c.state === 'RUNNING') {
      c.state = 'WAITING';
      if (!c.keepAlive) this.terminate(c, 'ALL_STEPS_COMPLETED', 'Steps completed');
      return true;
    }
    return false;
  }

  /** The step runs as a real process; it ends (on the next clock read) when the process does. */
  private runForReal(c: EmrCluster, s: EmrStep): void {
    s.durationMs = Number.POSITIVE_INFINITY;
    const started = this.clock();
    const finish = (r: StepRunResult): void => {
      if (s.state !== 'RUNNING') return;
      s.outcome = r.outcome;
      s.failure = r.failure;
      s.logs = r.logs;
      s.durationMs = Math.max(0, this.clock() - (s.started ?? started));
      this.advance();
    };
    const controller = new AbortController();
    this.realRuns.set(s.id, controller);
    void this.options.stepRunner!(s, c, controller.signal)
      .then(finish, (e: unknown) =>
        finish({
          outcome: 'FAILED',
          failure: { Reason: 'Sandbox error', Message: e instanceof Error ? e.message : String(e) },
          logs: { stdout: '', stderr: String(e), controller: '' },
        }),
      )
      .finally(() => this.realRuns.delete(s.id));
  }

  /** Steps whose processes are still running (the sandbox waits for them on stop). */
  readonly realRuns = new Map<string, AbortController>();

  private writeLogs(c: EmrCluster, s: EmrStep): void {
    if (!this.options.s3 || !c.logUri) return;
    const m = /^s3n?:\/\/([^/]+)\/?(.*)$/.exec(c.logUri);
    if (!m) return;
    const prefix = `${m[2] && !m[2].endsWith('/') ? m[2] + '/' : m[2]}${c.id}/steps/${s.id}/`;
    const texts = stepLogTexts(c, s);
    for (const [name, text] of Object.entries(texts)) {
      this.pendingLogWrites.push(
        this.options.s3
          .send(new PutObjectCommand({ Bucket: m[1], Key: `${prefix}${name}.gz`, Body: gzipSync(text) }))
          .catch(() => undefined),
      );
    }
  }
}

/** The three step logs EMR writes (plus syslog), as plain text. */
export function stepLogTexts(c: Pick<EmrCluster, 'id'>, s: EmrStep): Record<'stdout' | 'stderr' | 'controller' | 'syslog', string> {
  const started = new Date(s.started ?? s.created).toISOString();
  const exit = s.state === 'FAILED' ? 1 : 0;
  return {
    stdout: s.logs?.stdout ?? `${s.name}: processed ${s.args.length * 1000} records\n`,
    stderr:
      s.logs?.stderr ??
      (exit
        ? `Exception in thread "main" java.lang.RuntimeException: ${s.failure?.Message ?? 'step failed'}\n\tat com.example.Job.main(Job.scala:42)\n`
        : `INFO SparkContext: Running Spark version 3.4.1\n`),
    controller:
      s.logs?.controller ??
      `${started} INFO startExec 'hadoop jar ${s.jar} ${s.args.join(' ')}'\n${started} INFO Cluster ${c.id} step ${s.id}\n${new Date(s.ended ?? Date.now()).toISOString()} INFO Step ${s.state === 'CANCELLED' ? 'cancelled' : `exited with exitCode ${exit}`}\n`,
    syslog: `${started} INFO org.apache.hadoop.yarn.client.RMProxy: Connecting to ResourceManager\n`,
  };
}

function lastEnd(c: EmrCluster): number {
  return c.steps.reduce((n, s) => (s.ended !== undefined && STEP_TERMINAL.includes(s.state) ? Math.max(n, s.ended) : n), 0);
}

function pageOf<T>(all: T[], marker: unknown): { page: T[]; marker?: string } {
  const start = typeof marker === 'string' && marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidRequestException', 'Invalid marker', 400);
  const page = all.slice(start, start + EMR_PAGE_SIZE);
  return { page, marker: start + EMR_PAGE_SIZE < all.length ? Buffer.from(String(start + EMR_PAGE_SIZE)).toString('base64') : undefined };
}

function clusterStatus(c: EmrCluster): Record<string, unknown> {
  return {
    State: c.state,
    StateChangeReason: c.stateReason ?? (c.state === 'WAITING' ? { Message: 'Cluster ready to run steps.' } : {}),
    Timeline: {
      CreationDateTime: c.created / 1000,
      ReadyDateTime: c.ready !== undefined ? c.ready / 1000 : undefined,
      EndDateTime: c.ended !== undefined ? c.ended / 1000 : undefined,
    },
  };
}

function stepSummary(s: EmrStep, c: EmrCluster): Record<string, unknown> {
  const logFile = c.logUri ? `${c.logUri.endsWith('/') ? c.logUri : c.logUri + '/'}${c.id}/steps/${s.id}/` : undefined;
  return {
    Id: s.id,
    Name: s.name,
    ActionOnFailure: s.actionOnFailure,
    Config: { Jar: s.jar, Args: s.args, MainClass: s.mainClass, Properties: s.properties },
    Status: {
      State: s.state,
      StateChangeReason: {},
      FailureDetails: s.state === 'FAILED' ? { ...s.failure, LogFile: logFile } : undefined,
      Timeline: {
        CreationDateTime: s.created / 1000,
        StartDateTime: s.started !== undefined ? s.started / 1000 : undefined,
        EndDateTime: s.ended !== undefined && STEP_TERMINAL.includes(s.state) ? s.ended / 1000 : undefined,
      },
    },
  };
}

function groupState(state: ClusterState): string {
  if (state === 'STARTING' || state === 'BOOTSTRAPPING') return 'PROVISIONING';
  if (state === 'TERMINATING') return 'TERMINATING';
  if (state === 'TERMINATED' || state === 'TERMINATED_WITH_ERRORS') return 'ENDED';
  return 'RUNNING';
}

function arn(id: string): string {
  return `arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/${id}`;
}

/** EMR-style ids: `j-` + 13 upper-case base-36 characters. */
function newId(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${prefix}-${[...randomBytes(13)].map((b) => alphabet[b % 36]).join('')}`;
}
