// What each playbook/cluster field means and what Dataflow Runner 0.7.5 does with it (from the Avro
// schemas and the runner's code as summarised in shared/notes/formats.md). Used by hover, completion
// and the generated JSON Schema's descriptions.
import type { ConfigKind } from './model';

export const WRAPPER_DOCS: Record<string, string> = {
  schema:
    'Iglu URI of the self-describing JSON, e.g. `iglu:com.snowplowanalytics.dataflowrunner/PlaybookConfig/avro/1-0-1`. Dataflow Runner decodes it but never inspects it; it names which format the `data` is in.',
  data: 'The configuration itself (a PlaybookConfig or ClusterConfig record).',
};

const CREDENTIALS =
  'AWS credentials: both `"env"` (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), both `"iam"` (EC2 instance role), both `"default"` (the SDK default chain), or literal keys. Setting only one of the pair to env/iam/default is an error ("access-key and secret-key must both be set to …, or neither"). Literal keys put a secret in the file: prefer env, iam or default.';

const SHARED: Record<string, string> = {
  region: 'AWS region of the EMR client, e.g. `eu-west-1`.',
  credentials: CREDENTIALS,
  'credentials.accessKeyId': CREDENTIALS,
  'credentials.secretAccessKey': CREDENTIALS,
  tags: 'Tags as `{ "key": …, "value": … }` pairs.',
  'tags[].key': 'Tag key.',
  'tags[].value': 'Tag value.',
};

export const PLAYBOOK_DOCS: Record<string, string> = {
  ...SHARED,
  steps:
    'The EMR steps, in order. All go in one `AddJobFlowSteps` call; at least one is required ("No steps found in config, nothing to add"). EMR keeps at most 256 PENDING + RUNNING steps.',
  'steps[].name': '`StepConfig.Name`, at most 256 characters.',
  'steps[].type': 'Always `"CUSTOM_JAR"` in the runner\'s samples. **Ignored** by the runner: every step becomes a Hadoop JAR step.',
  'steps[].actionOnFailure':
    "What EMR does when the step fails: only **`CANCEL_AND_WAIT`** or **`CONTINUE`**. Anything else is the runner's error \"Only the following failure actions are allowed 'CANCEL_AND_WAIT, CONTINUE' - to terminate use the 'down' command\".",
  'steps[].jar':
    '`HadoopJarStep.Jar`: `command-runner.jar` (spark-submit, aws, hadoop …), `/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar`, or an `s3://…` JAR.',
  'steps[].arguments':
    '`HadoopJarStep.Args`. The main class and Java properties cannot be set separately: put them in the arguments. The strings of one step are limited to 10 240 characters in total.',
  tags: 'Tags (PlaybookConfig 1-0-1+). Parsed but **not used** by Dataflow Runner 0.7.5.',
};

export const CLUSTER_DOCS: Record<string, string> = {
  ...SHARED,
  name: 'EMR cluster name (`RunJobFlow` `Name`).',
  logUri: "S3 location for the cluster's logs (`LogUri`); the runner also reads failed steps' logs from there.",
  roles: 'IAM roles of the cluster.',
  'roles.jobflow': 'EC2 instance profile of the nodes (`JobFlowRole`), e.g. `EMR_EC2_DefaultRole`.',
  'roles.service': 'EMR service role (`ServiceRole`), e.g. `EMR_DefaultRole`.',
  ec2: 'EC2 settings of the cluster.',
  'ec2.amiVersion':
    'EMR release. If the first character is below 4 it is sent as `AmiVersion`, otherwise as `ReleaseLabel = "emr-" + amiVersion` (e.g. `6.15.0` → `emr-6.15.0`). Only the first character is read, so `10.0.0` counts as major 1.',
  'ec2.keyName': 'EC2 key pair for SSH (`Ec2KeyName`).',
  'ec2.location': 'Exactly one of `classic` (availability zone) or `vpc` (subnet) must be set.',
  'ec2.location.classic': 'EC2-Classic placement; set this **or** `vpc`, not both.',
  'ec2.location.classic.availabilityZone': '`Placement.AvailabilityZone`, e.g. `us-east-1a`.',
  'ec2.location.vpc': 'VPC placement; set this **or** `classic`, not both.',
  'ec2.location.vpc.subnetId': '`Ec2SubnetId`, e.g. `subnet-0123abcd`.',
  'ec2.instances': 'Instance groups: one master, optional core and task groups.',
  'ec2.instances.master': 'The MASTER group (always one on-demand instance).',
  'ec2.instances.master.type': 'EC2 instance type, e.g. `m5.xlarge`.',
  'ec2.instances.core': 'The CORE group; omitted when `count` ≤ 0. Always on-demand.',
  'ec2.instances.core.type': 'EC2 instance type of the core nodes.',
  'ec2.instances.core.count': 'Number of core nodes (a whole number, not a string). The group is omitted when ≤ 0.',
  'ec2.instances.task': 'The TASK group; omitted when `count` ≤ 0.',
  'ec2.instances.task.type': 'EC2 instance type of the task nodes.',
  'ec2.instances.task.count': 'Number of task nodes (a whole number, not a string). The group is omitted when ≤ 0.',
  'ec2.instances.task.bid':
    'Spot bid price as a **string** in USD (e.g. `"0.015"`). When non-empty the task group runs on SPOT; `""` means on-demand.',
  ebsConfiguration: 'EBS volumes of the group (ClusterConfig 1-1-0+).',
  'ebsConfiguration.ebsOptimized': '`EbsOptimized` (boolean).',
  'ebsConfiguration.ebsBlockDeviceConfigs': 'EBS volumes per instance.',
  'ebsConfiguration.ebsBlockDeviceConfigs[].volumesPerInstance': 'Number of such volumes per instance.',
  'ebsConfiguration.ebsBlockDeviceConfigs[].volumeSpecification': 'Volume type, size and IOPS.',
  'ebsConfiguration.ebsBlockDeviceConfigs[].volumeSpecification.iops': 'Provisioned IOPS. **Not sent** for `gp2` and `gp3` volumes.',
  'ebsConfiguration.ebsBlockDeviceConfigs[].volumeSpecification.sizeInGB': 'Volume size in GiB.',
  'ebsConfiguration.ebsBlockDeviceConfigs[].volumeSpecification.volumeType': '`gp2`, `gp3`, `io1`, `standard`, …',
  bootstrapActionConfigs: 'Bootstrap actions run on every node before applications start.',
  'bootstrapActionConfigs[].name': 'Name of the bootstrap action.',
  'bootstrapActionConfigs[].scriptBootstrapAction': 'The script and its arguments.',
  'bootstrapActionConfigs[].scriptBootstrapAction.path': 'S3 path of the script.',
  'bootstrapActionConfigs[].scriptBootstrapAction.args': 'Arguments of the script.',
  configurations:
    'Application configurations (`Configurations`). Nested `configurations` inside an item are **not supported** and ignored by the runner.',
  'configurations[].classification': 'Classification, e.g. `spark`, `spark-defaults`, `yarn-site`.',
  'configurations[].properties': 'Property names to **string** values (write `"true"`, not `true`).',
  applications: 'Applications to install, e.g. `["Hadoop", "Spark"]` (ClusterConfig 1-1-0+).',
  securityConfiguration:
    'Name of an EMR security configuration. Always sent, even when `""` (only in the schema embedded in Dataflow Runner 0.7.0+).',
};

/** Docs for a field path such as `steps[].jar` or `ec2.instances.core.ebsConfiguration.ebsOptimized`. */
export function fieldDoc(kind: ConfigKind, path: string): string | undefined {
  const docs = kind === 'playbook' ? PLAYBOOK_DOCS : CLUSTER_DOCS;
  if (docs[path]) return docs[path];
  const ebs = /(?:^|\.)(ebsConfiguration(?:\..*)?)$/.exec(path);
  return ebs ? docs[ebs[1]] : undefined;
}

export const FUNCTION_DOCS: Record<string, string> = {
  nowWithFormat:
    '`nowWithFormat "layout"`: the current time in the **host\'s local time zone**, formatted with a Go layout (reference time `2006-01-02 15:04:05`), e.g. `{{nowWithFormat "2006-01-02-15-04-05"}}`.',
  timeWithFormat:
    '`timeWithFormat "epochSeconds" "layout"`: a Unix time given as a **string**, formatted with a Go layout in local time. A non-integer epoch is an error.',
  systemEnv: '`systemEnv "NAME"`: the environment variable\'s value; an unset variable is the error "environment variable NAME not set".',
  base64: '`base64 "text"`: standard base64 of the string.',
  base64File:
    '`base64File "path"`: standard base64 of the file\'s contents; the path is relative to the directory the runner is started from. A missing file is an error.',
};
