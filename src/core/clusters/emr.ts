// The EMR part of the Clusters view, without `vscode`: clusters (active first, terminated on
// demand, paged), a cluster's details, its steps newest first (paged), step logs from S3
// (gunzipped), cancel a step, terminate a cluster. One service call per level and page.
import { gunzipSync } from 'node:zlib';
import type {
  EMRClient,
  Cluster,
  ClusterState,
  InstanceGroup,
  InstanceFleet,
  StepState,
  StepSummary,
  Step,
  Command as EmrCommand,
} from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import { parseS3Uri } from '../aws/clientConfig';
import { ExplorerRequestError, explorerCall } from '../aws/explorerErrors';
import { clientConfigFor, type AwsTarget } from './awsTarget';

export const ACTIVE_CLUSTER_STATES: readonly ClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING'];
export const TERMINATED_CLUSTER_STATES: readonly ClusterState[] = ['TERMINATED', 'TERMINATED_WITH_ERRORS'];
/** States a cluster leaves by itself: worth polling. */
export const CHANGING_CLUSTER_STATES: readonly ClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'TERMINATING'];
/** States a step leaves by itself: worth polling. */
export const CHANGING_STEP_STATES: readonly StepState[] = ['PENDING', 'CANCEL_PENDING', 'RUNNING'];
/** Steps EMR lets a user cancel (pending on 4.8.0+, running on 5.28.0+). */
export const CANCELLABLE_STEP_STATES: readonly StepState[] = ['PENDING', 'RUNNING'];

export type StepLogKind = 'stdout' | 'stderr' | 'controller' | 'syslog';
export const STEP_LOG_KINDS: readonly StepLogKind[] = ['stdout', 'stderr', 'controller', 'syslog'];

/** One page of a list; `next` is the token for "Load more", absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export interface EmrClusterSummary {
  id: string;
  name: string;
  state: ClusterState;
  stateMessage?: string;
  created?: Date;
  ended?: Date;
  normalizedInstanceHours?: number;
}

export interface EmrCapacity {
  /** MASTER, CORE or TASK. */
  role: string;
  name: string;
  /** Instance type(s): one for a group, the fleet's configured types for a fleet. */
  instanceTypes: string[];
  market?: string;
  requested: number;
  running: number;
  state?: string;
  bidPrice?: string;
}

export interface EmrClusterDetails extends EmrClusterSummary {
  releaseLabel?: string;
  applications: { name: string; version?: string }[];
  collection: 'groups' | 'fleets';
  capacity: EmrCapacity[];
  masterDns?: string;
  logUri?: string;
  autoTerminate: boolean;
  ready?: Date;
  /** DescribeCluster, ListInstanceGroups/Fleets and (when asked for) ListBootstrapActions as returned. */
  raw: { cluster: Cluster; instanceGroups: InstanceGroup[]; instanceFleets: InstanceFleet[]; bootstrapActions: EmrCommand[] };
}

export interface EmrStepInfo {
  id: string;
  name: string;
  state: StepState;
  actionOnFailure?: string;
  created?: Date;
  started?: Date;
  ended?: Date;
  /** End (or now, while running) minus start; absent before it starts. */
  durationMs?: number;
  failure?: { reason?: string; message?: string; logFile?: string };
  jar?: string;
  args: string[];
}

export interface CancelStepResult {
  cancelled: boolean;
  /** EMR's reason when it refused. */
  reason?: string;
}

type EmrModule = typeof import('@aws-sdk/client-emr');
type S3Module = typeof import('@aws-sdk/client-s3');

const SERVICE = 'EMR';

export class EmrExplorer {
  private emrModule?: Promise<{ module: EmrModule; client: EMRClient }>;
  private s3Module?: Promise<{ module: S3Module; client: S3Client }>;
  private readonly logUris = new Map<string, string | undefined>();

  constructor(
    readonly target: AwsTarget,
    private readonly now: () => number = Date.now,
  ) {}

  /** The SDK module loads on the first call, not when the view is created. */
  private emr(): Promise<{ module: EmrModule; client: EMRClient }> {
    this.emrModule ??= import('@aws-sdk/client-emr').then((module) => ({
      module,
      client: new module.EMRClient(clientConfigFor(this.target, 'emr')),
    }));
    return this.emrModule;
  }

  private s3(): Promise<{ module: S3Module; client: S3Client }> {
    this.s3Module ??= import('@aws-sdk/client-s3').then((module) => ({
      module,
      client: new module.S3Client(clientConfigFor(this.target, 's3')),
    }));
    return this.s3Module;
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return explorerCall(SERVICE, this.target.profile, fn);
  }

  /** One page of clusters, newest first. `states`: 'active' (default), 'terminated', 'all' or a list. */
  listClusters(
    states: 'active' | 'terminated' | 'all' | readonly ClusterState[] = 'active',
    marker?: string,
    signal?: AbortSignal,
  ): Promise<Page<EmrClusterSummary>> {
    const list =
      states === 'active'
        ? ACTIVE_CLUSTER_STATES
        : states === 'terminated'
          ? TERMINATED_CLUSTER_STATES
          : states === 'all'
            ? undefined
            : states;
    return this.call(async () => {
      const { module, client } = await this.emr();
      const out = await client.send(new module.ListClustersCommand({ ClusterStates: list ? [...list] : undefined, Marker: marker }), {
        abortSignal: signal,
      });
      return {
        items: (out.Clusters ?? []).map((c) => ({
          id: c.Id ?? '',
          name: c.Name ?? '',
          state: c.Status?.State ?? 'STARTING',
          stateMessage: c.Status?.StateChangeReason?.Message,
          created: c.Status?.Timeline?.CreationDateTime,
          ended: c.Status?.Timeline?.EndDateTime,
          normalizedInstanceHours: c.NormalizedInstanceHours,
        })),
        next: out.Marker || undefined,
      };
    });
  }

  /** DescribeCluster plus its instance groups or fleets (2 calls; a 3rd, ListBootstrapActions,
   * only with `withBootstrapActions`, which cluster.json needs and the tree does not). */
  describeCluster(clusterId: string, signal?: AbortSignal, options: { withBootstrapActions?: boolean } = {}): Promise<EmrClusterDetails> {
    return this.call(async () => {
      const { module, client } = await this.emr();
      const { Cluster: c } = await client.send(new module.DescribeClusterCommand({ ClusterId: clusterId }), { abortSignal: signal });
      if (!c) throw new Error(`EMR returned no cluster for ${clusterId}`);
      const fleets = c.InstanceCollectionType === 'INSTANCE_FLEET';
      const instanceGroups: InstanceGroup[] = [];
      const instanceFleets: InstanceFleet[] = [];
      let marker: string | undefined;
      do {
        if (fleets) {
          const out = await client.send(new module.ListInstanceFleetsCommand({ ClusterId: clusterId, Marker: marker }), {
            abortSignal: signal,
          });
          instanceFleets.push(...(out.InstanceFleets ?? []));
          marker = out.Marker || undefined;
        } else {
          const out = await client.send(new module.ListInstanceGroupsCommand({ ClusterId: clusterId, Marker: marker }), {
            abortSignal: signal,
          });
          instanceGroups.push(...(out.InstanceGroups ?? []));
          marker = out.Marker || undefined;
        }
      } while (marker);
      const bootstrapActions = options.withBootstrapActions
        ? ((await client.send(new module.ListBootstrapActionsCommand({ ClusterId: clusterId }), { abortSignal: signal }))
            .BootstrapActions ?? [])
        : [];
      this.logUris.set(clusterId, c.LogUri);
      const capacity: EmrCapacity[] = fleets
        ? instanceFleets.map((f) => ({
            role: f.InstanceFleetType ?? '',
            name: f.Name ?? '',
            instanceTypes: (f.InstanceTypeSpecifications ?? []).map((t) => t.InstanceType ?? '').filter(Boolean),
            requested: (f.TargetOnDemandCapacity ?? 0) + (f.TargetSpotCapacity ?? 0),
            running: (f.ProvisionedOnDemandCapacity ?? 0) + (f.ProvisionedSpotCapacity ?? 0),
            state: f.Status?.State,
            market: f.TargetSpotCapacity ? (f.TargetOnDemandCapacity ? 'MIXED' : 'SPOT') : 'ON_DEMAND',
          }))
        : instanceGroups.map((g) => ({
            role: g.InstanceGroupType ?? '',
            name: g.Name ?? '',
            instanceTypes: g.InstanceType ? [g.InstanceType] : [],
            market: g.Market,
            requested: g.RequestedInstanceCount ?? 0,
            running: g.RunningInstanceCount ?? 0,
            state: g.Status?.State,
            bidPrice: g.BidPrice,
          }));
      const roleOrder = ['MASTER', 'CORE', 'TASK'];
      capacity.sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role));
      return {
        id: c.Id ?? clusterId,
        name: c.Name ?? '',
        state: c.Status?.State ?? 'STARTING',
        stateMessage: c.Status?.StateChangeReason?.Message,
        created: c.Status?.Timeline?.CreationDateTime,
        ready: c.Status?.Timeline?.ReadyDateTime,
        ended: c.Status?.Timeline?.EndDateTime,
        normalizedInstanceHours: c.NormalizedInstanceHours,
        releaseLabel: c.ReleaseLabel,
        applications: (c.Applications ?? []).map((a) => ({ name: a.Name ?? '', version: a.Version })),
        collection: fleets ? 'fleets' : 'groups',
        capacity,
        masterDns: c.MasterPublicDnsName,
        logUri: c.LogUri,
        autoTerminate: c.AutoTerminate ?? false,
        raw: { cluster: c, instanceGroups, instanceFleets, bootstrapActions },
      };
    });
  }

  /** "Save as cluster.json": the cluster as a Dataflow Runner ClusterConfig, with warnings for
   * what the format cannot hold. The region is the one the cluster was read from. */
  async clusterConfig(clusterId: string, signal?: AbortSignal): Promise<import('./clusterConfig').ClusterConfigResult> {
    const details = await this.describeCluster(clusterId, signal, { withBootstrapActions: true });
    const { client } = await this.emr();
    const { toClusterConfig } = await import('./clusterConfig');
    return toClusterConfig(details, await client.config.region());
  }

  /** One page of a cluster's steps, newest first (EMR's order; 50 per page). */
  listSteps(clusterId: string, marker?: string, signal?: AbortSignal, states?: readonly StepState[]): Promise<Page<EmrStepInfo>> {
    return this.call(async () => {
      const { module, client } = await this.emr();
      const out = await client.send(
        new module.ListStepsCommand({ ClusterId: clusterId, Marker: marker, StepStates: states ? [...states] : undefined }),
        { abortSignal: signal },
      );
      return { items: (out.Steps ?? []).map((s) => this.stepInfo(s)), next: out.Marker || undefined };
    });
  }

  describeStep(clusterId: string, stepId: string, signal?: AbortSignal): Promise<EmrStepInfo> {
    return this.call(async () => {
      const { module, client } = await this.emr();
      const out = await client.send(new module.DescribeStepCommand({ ClusterId: clusterId, StepId: stepId }), { abortSignal: signal });
      if (!out.Step) throw new Error(`EMR returned no step for ${stepId}`);
      return this.stepInfo(out.Step);
    });
  }

  private stepInfo(s: StepSummary | Step): EmrStepInfo {
    const t = s.Status?.Timeline;
    const started = t?.StartDateTime;
    const ended = t?.EndDateTime;
    const f = s.Status?.FailureDetails;
    return {
      id: s.Id ?? '',
      name: s.Name ?? '',
      state: s.Status?.State ?? 'PENDING',
      actionOnFailure: s.ActionOnFailure,
      created: t?.CreationDateTime,
      started,
      ended,
      durationMs: started ? (ended ?? new Date(this.now())).getTime() - started.getTime() : undefined,
      failure: f && (f.Reason || f.Message || f.LogFile) ? { reason: f.Reason, message: f.Message, logFile: f.LogFile } : undefined,
      jar: s.Config?.Jar,
      args: s.Config?.Args ?? [],
    };
  }

  /** Cancels a PENDING or RUNNING step. EMR answers per step; a refusal is not an exception. */
  cancelStep(clusterId: string, stepId: string): Promise<CancelStepResult> {
    return this.call(async () => {
      const { module, client } = await this.emr();
      const out = await client.send(
        new module.CancelStepsCommand({ ClusterId: clusterId, StepIds: [stepId], StepCancellationOption: 'SEND_INTERRUPT' }),
      );
      const info = (out.CancelStepsInfoList ?? []).find((i) => i.StepId === stepId);
      return info?.Status === 'SUBMITTED'
        ? { cancelled: true }
        : { cancelled: false, reason: info?.Reason ?? 'EMR did not accept the cancellation' };
    });
  }

  /** Asks EMR to terminate the cluster (asynchronous: it goes TERMINATING, then TERMINATED). */
  terminateCluster(clusterId: string): Promise<void> {
    return this.call(async () => {
      const { module, client } = await this.emr();
      await client.send(new module.TerminateJobFlowsCommand({ JobFlowIds: [clusterId] }));
    });
  }

  /** The S3 folder holding a step's logs: `<LogUri><cluster id>/steps/<step id>/`. */
  async stepLogFolder(clusterId: string, stepId: string, signal?: AbortSignal): Promise<{ bucket: string; prefix: string }> {
    if (!this.logUris.has(clusterId)) await this.describeCluster(clusterId, signal);
    const logUri = this.logUris.get(clusterId);
    if (!logUri)
      throw new ExplorerRequestError({
        kind: 'not-found',
        code: 'NoLogUri',
        message: `EMR: cluster ${clusterId} has no log URI, so its step logs are not in S3`,
        cause: undefined,
      });
    const { bucket, key } = parseS3Uri(logUri.replace(/^s3n:/, 's3:'));
    const base = key && !key.endsWith('/') ? `${key}/` : key;
    return { bucket, prefix: `${base}${clusterId}/steps/${stepId}/` };
  }

  /** The step log kinds present in S3 (EMR uploads every 5 minutes, so recent steps may have none). */
  async listStepLogs(clusterId: string, stepId: string, signal?: AbortSignal): Promise<StepLogKind[]> {
    const { bucket, prefix } = await this.stepLogFolder(clusterId, stepId, signal);
    return explorerCall('S3', this.target.profile, async () => {
      const { module, client } = await this.s3();
      const out = await client.send(new module.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }), { abortSignal: signal });
      const names = new Set((out.Contents ?? []).map((o) => (o.Key ?? '').slice(prefix.length).replace(/\.gz$/, '')));
      return STEP_LOG_KINDS.filter((k) => names.has(k));
    });
  }

  /** A step log as text, gunzipped. At most `maxBytes` (default 64 MB) of text is returned. */
  async readStepLog(
    clusterId: string,
    stepId: string,
    kind: StepLogKind,
    signal?: AbortSignal,
    maxBytes = 64 * 1024 * 1024,
  ): Promise<{ text: string; truncated: boolean; uri: string }> {
    const { bucket, prefix } = await this.stepLogFolder(clusterId, stepId, signal);
    const key = `${prefix}${kind}.gz`;
    const uri = `s3://${bucket}/${key}`;
    return explorerCall('S3', this.target.profile, async () => {
      const { module, client } = await this.s3();
      let body: Uint8Array;
      try {
        const out = await client.send(new module.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        body = await out.Body!.transformToByteArray();
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') {
          throw new ExplorerRequestError({
            kind: 'not-found',
            code: 'NoSuchKey',
            message: `S3: ${uri} does not exist (yet): EMR uploads step logs every 5 minutes`,
            cause: e,
          });
        }
        throw e;
      }
      try {
        const text = gunzipSync(body, { maxOutputLength: maxBytes });
        return { text: text.toString('utf8'), truncated: false, uri };
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          // Too large to show whole: the first maxBytes, marked.
          const { createGunzip } = await import('node:zlib');
          return { text: await firstBytes(body, maxBytes, createGunzip()), truncated: true, uri };
        }
        // Not gzip after all (some tools upload plain text): show it as is.
        if ((e as { code?: string }).code === 'Z_DATA_ERROR')
          return { text: Buffer.from(body).subarray(0, maxBytes).toString('utf8'), truncated: body.length > maxBytes, uri };
        throw e;
      }
    });
  }

  dispose(): void {
    void this.emrModule?.then(({ client }) => client.destroy());
    void this.s3Module?.then(({ client }) => client.destroy());
  }
}

function firstBytes(body: Uint8Array, maxBytes: number, gunzip: import('node:zlib').Gunzip): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    gunzip.on('data', (chunk: Buffer) => {
      if (size >= maxBytes) return;
      chunks.push(chunk.subarray(0, maxBytes - size));
      size += Math.min(chunk.length, maxBytes - size);
      if (size >= maxBytes) {
        gunzip.destroy();
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    gunzip.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    gunzip.on('error', reject);
    gunzip.end(body);
  });
}
