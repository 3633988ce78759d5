// "Save as cluster.json": a running EMR cluster (DescribeCluster + instance groups/fleets +
// bootstrap actions) as a Dataflow Runner ClusterConfig 1-1-0 file (formats.md §1.3), plus the
// warnings for what that format cannot express (fleets, nested configurations, extra groups).
import type { EmrClusterDetails } from './emr';

export const CLUSTER_CONFIG_SCHEMA = 'iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0';

interface EbsConfigurationRecord {
  ebsOptimized: boolean;
  ebsBlockDeviceConfigs: { volumesPerInstance: number; volumeSpecification: { iops: number; sizeInGB: number; volumeType: string } }[];
}

export interface ClusterConfigResult {
  /** The self-describing JSON `{schema, data}`. */
  config: { schema: string; data: Record<string, unknown> };
  /** Pretty-printed file text (2-space indent, trailing newline). */
  text: string;
  /** What could not be carried over, one sentence each. */
  warnings: string[];
}

/** Maps a cluster to ClusterConfig. `region` is the region the cluster was read from. */
export function toClusterConfig(details: EmrClusterDetails, region: string): ClusterConfigResult {
  const warnings: string[] = [];
  const c = details.raw.cluster;
  const ec2 = c.Ec2InstanceAttributes ?? {};
  const release = c.ReleaseLabel ?? '';
  // DFR sends `ReleaseLabel = "emr-" + amiVersion` when the first digit is ≥ 4.
  const amiVersion = release.startsWith('emr-') ? release.slice(4) : release;
  if (!release.startsWith('emr-'))
    warnings.push(`Release label "${release}" is not of the form emr-x.y.z; copied as ec2.amiVersion unchanged.`);

  let master: { type: string; ebsConfiguration?: EbsConfigurationRecord } = { type: '' };
  let core: { type: string; count: number; ebsConfiguration?: EbsConfigurationRecord } = { type: '', count: 0 };
  let task: { type: string; count: number; bid: string; ebsConfiguration?: EbsConfigurationRecord } = { type: '', count: 0, bid: '' };

  if (details.collection === 'fleets') {
    warnings.push(
      'The cluster uses instance fleets, which ClusterConfig cannot express; each fleet became an instance group of its first instance type with its target capacity as the count.',
    );
    for (const f of details.raw.instanceFleets) {
      const type = f.InstanceTypeSpecifications?.[0]?.InstanceType ?? '';
      const count = (f.TargetOnDemandCapacity ?? 0) + (f.TargetSpotCapacity ?? 0);
      if (f.InstanceFleetType === 'MASTER') master = { type };
      else if (f.InstanceFleetType === 'CORE') core = { type, count };
      else if (f.InstanceFleetType === 'TASK') task = { type, count, bid: f.InstanceTypeSpecifications?.[0]?.BidPrice ?? '' };
    }
  } else {
    const byRole = (role: string) => details.raw.instanceGroups.filter((g) => g.InstanceGroupType === role);
    for (const role of ['MASTER', 'CORE', 'TASK']) {
      const groups = byRole(role);
      if (groups.length > 1)
        warnings.push(
          `The cluster has ${groups.length} ${role} groups; ClusterConfig holds one, so only "${groups[0].Name ?? groups[0].Id}" was kept.`,
        );
    }
    const [m] = byRole('MASTER');
    const [co] = byRole('CORE');
    const [t] = byRole('TASK');
    if (m) master = withEbs({ type: m.InstanceType ?? '' }, m.EbsBlockDevices, m.EbsOptimized);
    if (co) core = withEbs({ type: co.InstanceType ?? '', count: co.RequestedInstanceCount ?? 0 }, co.EbsBlockDevices, co.EbsOptimized);
    if (co?.Market === 'SPOT') warnings.push('The CORE group runs on Spot; Dataflow Runner always starts CORE on demand.');
    if (t) {
      task = withEbs(
        { type: t.InstanceType ?? '', count: t.RequestedInstanceCount ?? 0, bid: t.Market === 'SPOT' ? (t.BidPrice ?? '') : '' },
        t.EbsBlockDevices,
        t.EbsOptimized,
      );
      if (t.Market === 'SPOT' && !t.BidPrice)
        warnings.push(
          'The TASK group runs on Spot at the on-demand price cap; ClusterConfig needs an explicit bid, so it is written as on-demand (bid "").',
        );
    } else {
      task = { type: master.type, count: 0, bid: '' };
    }
  }

  const location: Record<string, unknown> = ec2.Ec2SubnetId
    ? { vpc: { subnetId: ec2.Ec2SubnetId } }
    : { classic: { availabilityZone: ec2.Ec2AvailabilityZone ?? '' } };

  const configurations = (c.Configurations ?? []).map((cfg) => {
    if (cfg.Configurations?.length)
      warnings.push(`Configuration "${cfg.Classification}" has nested configurations, which Dataflow Runner ignores; they were left out.`);
    return { classification: cfg.Classification ?? '', properties: { ...(cfg.Properties ?? {}) } };
  });

  const data: Record<string, unknown> = {
    name: c.Name ?? '',
    logUri: c.LogUri ?? '',
    region,
    // DFR's "default" = the AWS SDK default chain; never real keys in a file.
    credentials: { accessKeyId: 'default', secretAccessKey: 'default' },
    roles: { jobflow: ec2.IamInstanceProfile ?? '', service: c.ServiceRole ?? '' },
    ec2: {
      amiVersion,
      keyName: ec2.Ec2KeyName ?? '',
      location,
      instances: { master, core, task },
    },
    tags: (c.Tags ?? []).filter((t) => !(t.Key ?? '').startsWith('aws:')).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    bootstrapActionConfigs: details.raw.bootstrapActions.map((b) => ({
      name: b.Name ?? '',
      scriptBootstrapAction: { path: b.ScriptPath ?? '', args: b.Args ?? [] },
    })),
    configurations,
    applications: (c.Applications ?? []).map((a) => a.Name ?? '').filter(Boolean),
  };
  if (c.SecurityConfiguration) data.securityConfiguration = c.SecurityConfiguration;
  if (!c.LogUri) warnings.push('The cluster has no log URI; logUri is empty, and Dataflow Runner cannot fetch step logs without one.');
  if (!ec2.Ec2KeyName) warnings.push('The cluster has no EC2 key pair; keyName is empty.');
  const config = { schema: CLUSTER_CONFIG_SCHEMA, data };
  return { config, text: JSON.stringify(config, null, 2) + '\n', warnings };
}

type EbsDevice = { VolumeSpecification?: { VolumeType?: string; SizeInGB?: number; Iops?: number } };

/** EMR lists one entry per attached volume; ClusterConfig wants one entry per distinct volume
 * spec with a count per instance. */
function withEbs<T extends object>(
  record: T,
  devices: EbsDevice[] | undefined,
  optimized: boolean | undefined,
): T & { ebsConfiguration?: EbsConfigurationRecord } {
  if (!devices?.length) return record;
  const groups = new Map<string, EbsConfigurationRecord['ebsBlockDeviceConfigs'][number]>();
  for (const d of devices) {
    const spec = {
      iops: d.VolumeSpecification?.Iops ?? 0,
      sizeInGB: d.VolumeSpecification?.SizeInGB ?? 0,
      volumeType: d.VolumeSpecification?.VolumeType ?? 'gp2',
    };
    const key = JSON.stringify(spec);
    const g = groups.get(key);
    if (g) g.volumesPerInstance++;
    else groups.set(key, { volumesPerInstance: 1, volumeSpecification: spec });
  }
  return { ...record, ebsConfiguration: { ebsOptimized: optimized ?? false, ebsBlockDeviceConfigs: [...groups.values()] } };
}
