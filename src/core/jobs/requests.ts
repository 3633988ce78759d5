// Builds the EMR requests a submission sends, exactly as Dataflow Runner would (formats.md §1.3,
// §1.4): playbook steps → StepConfig (checked against EMR's limits first), ClusterConfig →
// RunJobFlowInput with every field mapped, AddJobFlowSteps batches, and the dry-run JSON.
import type { InstanceGroupConfig, RunJobFlowInput, StepConfig, EbsConfiguration as SdkEbs } from '@aws-sdk/client-emr';
import type { ClusterConfig, EbsConfiguration, Step } from '../playbook/model';
import { SECRET_MASK } from '../playbook/vars';

/** EMR: at most 256 PENDING + RUNNING steps on a cluster; no separate per-call limit (§6.1.2). */
export const MAX_ACTIVE_STEPS = 256;
/** EMR: a step name is at most 256 characters. */
export const MAX_STEP_NAME = 256;
/** EMR: the strings of one HadoopJarStep total at most 10 240 characters. */
export const MAX_JAR_STEP_CHARS = 10_240;
/** The only failure actions the runner accepts (terminating is the `down` command's job). */
const RUNNER_FAILURE_ACTIONS = ['CANCEL_AND_WAIT', 'CONTINUE'] as const;

export interface StepProblem {
  /** 0-based index of the step in the playbook. */
  step: number;
  message: string;
}

/** Checks what EMR and the runner would refuse, one message per problem, naming the step. */
export function checkSteps(steps: readonly Step[]): StepProblem[] {
  const problems: StepProblem[] = [];
  if (steps.length === 0) problems.push({ step: -1, message: 'No steps found in config, nothing to add' });
  steps.forEach((s, i) => {
    const label = `step ${i + 1} ("${s.name.slice(0, 60)}")`;
    if (!s.name) problems.push({ step: i, message: `step ${i + 1}: the name is empty` });
    if (s.name.length > MAX_STEP_NAME)
      problems.push({ step: i, message: `${label}: the name has ${s.name.length} characters; EMR allows ${MAX_STEP_NAME}` });
    if (!(RUNNER_FAILURE_ACTIONS as readonly string[]).includes(s.actionOnFailure)) {
      problems.push({
        step: i,
        message: `${label}: actionOnFailure "${s.actionOnFailure}": only CANCEL_AND_WAIT or CONTINUE are allowed (to terminate use the 'down' command)`,
      });
    }
    if (!s.jar) problems.push({ step: i, message: `${label}: jar is empty` });
    const chars = [s.jar, ...s.arguments].reduce((n, a) => n + a.length, 0);
    if (chars > MAX_JAR_STEP_CHARS)
      problems.push({ step: i, message: `${label}: jar and arguments total ${chars} characters; EMR allows ${MAX_JAR_STEP_CHARS}` });
  });
  return problems;
}

/** The runner's mapping: every step becomes a HadoopJarStep (`type` is ignored), in order. */
export function toStepConfigs(steps: readonly Step[]): StepConfig[] {
  return steps.map((s) => ({
    Name: s.name,
    ActionOnFailure: s.actionOnFailure as StepConfig['ActionOnFailure'],
    HadoopJarStep: { Jar: s.jar, Args: [...s.arguments] },
  }));
}

/** Splits steps into AddJobFlowSteps calls: each at most `room` (the free active-step slots) and
 * never more than EMR's 256. Order is kept; later batches wait for room (see submit.ts). */
export function batchSteps<T>(steps: readonly T[], room = MAX_ACTIVE_STEPS): T[][] {
  const size = Math.max(1, Math.min(room, MAX_ACTIVE_STEPS));
  const batches: T[][] = [];
  for (let i = 0; i < steps.length; i += size) batches.push(steps.slice(i, i + size));
  return batches;
}

/** Throws with the runner's message when the config cannot become a request. */
export class RequestBuildError extends Error {}

/** ClusterConfig → RunJobFlowInput as DFR's GetJobFlowInput does. `keepAlive` is false for
 * run-transient (the cluster ends when its steps do), true for `up`. */
export function runJobFlowRequest(
  config: ClusterConfig,
  steps: StepConfig[],
  options: { keepAlive: boolean; extraTags?: { Key: string; Value: string }[] },
): RunJobFlowInput {
  const { ec2 } = config;
  const classic = ec2.location?.classic ?? null;
  const vpc = ec2.location?.vpc ?? null;
  if (classic && vpc) throw new RequestBuildError('Only one of Availability Zone and Subnet id should be provided');
  if (!classic && !vpc) throw new RequestBuildError('At least one of Availability Zone and Subnet id is required');

  const groups: InstanceGroupConfig[] = [
    {
      InstanceRole: 'MASTER',
      InstanceType: ec2.instances.master.type,
      InstanceCount: 1,
      Market: 'ON_DEMAND',
      ...ebs(ec2.instances.master.ebsConfiguration),
    },
  ];
  const { core, task } = ec2.instances;
  if (core.count > 0)
    groups.push({
      InstanceRole: 'CORE',
      InstanceType: core.type,
      InstanceCount: core.count,
      Market: 'ON_DEMAND',
      ...ebs(core.ebsConfiguration),
    });
  if (task.count > 0) {
    groups.push({
      InstanceRole: 'TASK',
      InstanceType: task.type,
      InstanceCount: task.count,
      ...(task.bid ? { Market: 'SPOT', BidPrice: task.bid } : { Market: 'ON_DEMAND' }),
      ...ebs(task.ebsConfiguration),
    });
  }

  // DFR reads only the first character of amiVersion as the major version.
  const major = parseInt(ec2.amiVersion.charAt(0), 10);
  const release = Number.isNaN(major) || major >= 4 ? { ReleaseLabel: `emr-${ec2.amiVersion}` } : { AmiVersion: ec2.amiVersion };

  const tags = (config.tags ?? []).map((t) => ({ Key: t.key, Value: t.value }));
  return {
    Name: config.name,
    LogUri: config.logUri,
    ...release,
    JobFlowRole: config.roles.jobflow,
    ServiceRole: config.roles.service,
    VisibleToAllUsers: true,
    Instances: {
      Ec2KeyName: ec2.keyName,
      ...(vpc ? { Ec2SubnetId: vpc.subnetId } : { Placement: { AvailabilityZone: classic!.availabilityZone } }),
      InstanceGroups: groups,
      KeepJobFlowAliveWhenNoSteps: options.keepAlive,
    },
    Steps: steps,
    Tags: [...tags, ...(options.extraTags ?? [])],
    BootstrapActions: (config.bootstrapActionConfigs ?? []).map((b) => ({
      Name: b.name,
      ScriptBootstrapAction: { Path: b.scriptBootstrapAction.path, Args: [...b.scriptBootstrapAction.args] },
    })),
    // Nested configurations are not supported by the runner; only classification + properties.
    Configurations: (config.configurations ?? []).map((c) => ({ Classification: c.classification, Properties: { ...c.properties } })),
    Applications: (config.applications ?? []).map((name) => ({ Name: name })),
    // Always sent, even when "" (DFR does).
    SecurityConfiguration: config.securityConfiguration ?? '',
  };
}

function ebs(config: EbsConfiguration | null | undefined): { EbsConfiguration?: SdkEbs } {
  if (!config) return {};
  return {
    EbsConfiguration: {
      EbsOptimized: config.ebsOptimized,
      EbsBlockDeviceConfigs: config.ebsBlockDeviceConfigs.map((d) => ({
        VolumesPerInstance: d.volumesPerInstance,
        VolumeSpecification: {
          VolumeType: d.volumeSpecification.volumeType,
          SizeInGB: d.volumeSpecification.sizeInGB,
          // Not sent for gp2 (DFR 0.5.1) or gp3 (0.7.5).
          ...(d.volumeSpecification.volumeType === 'gp2' || d.volumeSpecification.volumeType === 'gp3'
            ? {}
            : { Iops: d.volumeSpecification.iops }),
        },
      })),
    },
  };
}

/** The request as pretty JSON for the dry run, with every secret value masked (raw and as JSON
 * would escape it), so a preview never shows one. */
export function dryRunJson(operation: 'AddJobFlowSteps' | 'RunJobFlow', request: unknown, secretValues: Iterable<string> = []): string {
  let text = JSON.stringify({ operation, request }, null, 2);
  for (const v of secretValues) {
    if (!v) continue;
    for (const form of new Set([v, JSON.stringify(v).slice(1, -1)])) text = text.split(form).join(SECRET_MASK);
  }
  return text;
}
