// Typed shapes of Dataflow Runner's PlaybookConfig and ClusterConfig (the `data` of the
// self-describing file, as Go decodes it: missing fields are zero values), the Avro schemas the
// runner embeds (v0.7.5), and the Iglu schema URIs and versions.
import avro from 'avsc';
import clusterAvsc from './schemas/cluster.avsc.json';
import playbookAvsc from './schemas/playbook.avsc.json';

export type ConfigKind = 'playbook' | 'cluster';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}
export interface Tag {
  key: string;
  value: string;
}
export interface Step {
  name: string;
  type: string;
  actionOnFailure: string;
  jar: string;
  arguments: string[];
}
export interface PlaybookConfig {
  region: string;
  credentials: Credentials;
  steps: Step[];
  tags: Tag[] | null;
}

export interface EbsConfiguration {
  ebsOptimized: boolean;
  ebsBlockDeviceConfigs: { volumesPerInstance: number; volumeSpecification: { iops: number; sizeInGB: number; volumeType: string } }[];
}
export interface ClusterConfig {
  name: string;
  logUri: string;
  region: string;
  credentials: Credentials;
  roles: { jobflow: string; service: string };
  ec2: {
    amiVersion: string;
    keyName: string;
    location: { classic: { availabilityZone: string } | null; vpc: { subnetId: string } | null };
    instances: {
      master: { type: string; ebsConfiguration: EbsConfiguration | null };
      core: { type: string; count: number; ebsConfiguration: EbsConfiguration | null };
      task: { type: string; count: number; bid: string; ebsConfiguration: EbsConfiguration | null };
    };
  };
  tags: Tag[] | null;
  bootstrapActionConfigs: { name: string; scriptBootstrapAction: { path: string; args: string[] } }[] | null;
  configurations: { classification: string; properties: Record<string, string> }[] | null;
  applications: string[] | null;
  securityConfiguration: string;
}

export const SCHEMA_NAMES: Record<ConfigKind, string> = { playbook: 'PlaybookConfig', cluster: 'ClusterConfig' };
export const KNOWN_VERSIONS: Record<ConfigKind, string[]> = { playbook: ['1-0-0', '1-0-1'], cluster: ['1-0-0', '1-1-0'] };
/** Fields a version added (so a file declaring an older version should not use them). */
export const ADDED_IN: Record<ConfigKind, Record<string, string>> = {
  playbook: { tags: '1-0-1' },
  cluster: {
    applications: '1-1-0',
    'ec2.instances.master.ebsConfiguration': '1-1-0',
    'ec2.instances.core.ebsConfiguration': '1-1-0',
    'ec2.instances.task.ebsConfiguration': '1-1-0',
  },
};
export const LATEST_URI: Record<ConfigKind, string> = {
  playbook: 'iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1',
  cluster: 'iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0',
};

let types: Record<ConfigKind, avro.Type> | undefined;
/** The runner's embedded Avro schemas, parsed by avsc (once). */
export function avroType(kind: ConfigKind): avro.Type {
  types ??= { playbook: avro.Type.forSchema(playbookAvsc as avro.Schema), cluster: avro.Type.forSchema(clusterAvsc as avro.Schema) };
  return types[kind];
}

export interface SchemaRef {
  vendorOk: boolean;
  name: string;
  format: string;
  version: string;
  kind?: ConfigKind;
}
/** Reads `iglu:vendor/Name/format/version`; undefined when it is not an Iglu URI at all. */
export function parseSchemaUri(uri: string): SchemaRef | undefined {
  const m = /^iglu:([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri.trim());
  if (!m) return undefined;
  const kind = m[2] === 'PlaybookConfig' ? 'playbook' : m[2] === 'ClusterConfig' ? 'cluster' : undefined;
  return { vendorOk: m[1] === 'com.snowplowanalytics.dataflowrunner', name: m[2], format: m[3], version: m[4], kind };
}
