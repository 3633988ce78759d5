// The local AWS sandbox behind `npm start`: the loopback EMR, Glue, Redshift, Redshift
// Serverless, Redshift Data API (on a throwaway PostgreSQL) and Athena (on DuckDB), s3rver and
// dynalite on fixed 127.0.0.1 ports, seeded with a small estate. Writes an AWS shared config and
// credentials pair (dummy keys, `endpoint_url` per service) and an env file that points the SDK
// at them, so no real account is ever touched. A development tool: never part of the VSIX.
// Usage: node --import tsx test/support/aws/sandbox.ts   (Ctrl-C, SIGTERM or its parent's exit stops it)
// Env: DW_SANDBOX_PORT (first of three ports, default 4610), DW_SANDBOX_DIR (default .local/sandbox),
// DW_SANDBOX_STEP_DIR (where submitted EMR steps run, default examples/).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startAwsEstate, type AwsEstate } from './estate';
import { SANDBOX_NAMES, seedEstate } from './sandboxSeed';
import { dynamoSeeds } from './sandboxDynamoSeeds';
import { localStepRunner } from './sandboxSteps';

export const SANDBOX_PROFILE = 'dw-sandbox';
export const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_KEYS = { accessKeyId: 'AKIDSANDBOXLOCAL0000', secretAccessKey: 'sandbox-not-a-secret' };

export interface SandboxEndpoints {
  aws: string;
  s3: string;
  dynamodb: string;
}

/** The shared config text: a profile whose `services` section sends every client of the SDK
 * (v3 reads `endpoint_url` per service id) to the sandbox. Also the `default` profile, since the
 * SDK reads configured endpoints of the default/AWS_PROFILE profile only. */
export function sharedConfigText(e: SandboxEndpoints): string {
  const service = (id: string, url: string): string => `${id} =\n  endpoint_url = ${url}\n`;
  const profile = `region = ${SANDBOX_REGION}\nservices = ${SANDBOX_PROFILE}\n`;
  return [
    '# Written by the Data Workbench sandbox (test/support/aws/sandbox.ts). Loopback only; dummy keys.',
    `[default]\n${profile}`,
    `[profile ${SANDBOX_PROFILE}]\n${profile}`,
    `[services ${SANDBOX_PROFILE}]\n` +
      [
        service('emr', e.aws),
        service('glue', e.aws),
        service('redshift', e.aws),
        service('redshift_serverless', e.aws),
        service('redshift_data', e.aws),
        service('athena', e.aws),
        service('s3', e.s3),
        service('dynamodb', e.dynamodb),
      ].join(''),
  ].join('\n');
}

export function sharedCredentialsText(): string {
  const keys = `aws_access_key_id = ${SANDBOX_KEYS.accessKeyId}\naws_secret_access_key = ${SANDBOX_KEYS.secretAccessKey}\n`;
  return `# Dummy keys for the loopback sandbox; they open nothing anywhere else.\n[default]\n${keys}\n[${SANDBOX_PROFILE}]\n${keys}`;
}

/** A DynamoDB seed: the manifests work adds its own (run and event manifests) to dynamoSeeds. */
export type DynamoSeed = (endpoint: string, credentials: typeof SANDBOX_KEYS, region: string, endpoints: SandboxEndpoints) => Promise<void>;

interface Dynalite {
  listen(port: number, host: string, cb: () => void): void;
  close(cb?: () => void): void;
  once(event: 'error', cb: (e: Error) => void): void;
}

async function startDynalite(port: number): Promise<Dynalite> {
  const specifier: string = 'dynalite';
  const mod = (await import(specifier)) as { default: (options: Record<string, unknown>) => Dynalite };
  const server = mod.default({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

export interface RunningSandbox {
  estate: AwsEstate;
  endpoints: SandboxEndpoints;
  dir: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: {
  basePort: number;
  dir: string;
  log?: (line: string) => void;
  stepDir?: string;
}): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const { basePort, dir } = options;
  // Only what an earlier run wrote is removed: DW_SANDBOX_DIR may point anywhere.
  for (const entry of ['aws', 's3', 'env.sh', 'sandbox.json']) rmSync(path.join(dir, entry), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'aws'), { recursive: true });
  const estate = await startAwsEstate({
    port: basePort,
    s3Port: basePort + 1,
    s3Directory: path.join(dir, 's3'),
    postgres: true,
    redshiftDatabase: 'dev',
    athena: true,
    // Submitted EMR steps run for real where the local target can run them (in the workspace folder).
    emrStepRunner: localStepRunner(options.stepDir ?? path.join(__dirname, '../../../examples')),
  });
  let dynalite: Dynalite | undefined;
  try {
    dynalite = await startDynalite(basePort + 2);
    const endpoints: SandboxEndpoints = {
      aws: estate.server.endpoint,
      s3: estate.s3.endpoint,
      dynamodb: `http://127.0.0.1:${basePort + 2}`,
    };
    const summary = await seedEstate(estate);
    for (const seed of dynamoSeeds) await seed(endpoints.dynamodb, SANDBOX_KEYS, SANDBOX_REGION, endpoints);
    const configFile = path.join(dir, 'aws', 'config');
    const credentialsFile = path.join(dir, 'aws', 'credentials');
    writeFileSync(configFile, sharedConfigText(endpoints));
    writeFileSync(credentialsFile, sharedCredentialsText(), { mode: 0o600 });
    // For `source`: what the editor process needs so the SDK's default chain lands here.
    writeFileSync(
      path.join(dir, 'env.sh'),
      [
        `export AWS_CONFIG_FILE=${shellQuote(configFile)}`,
        `export AWS_SHARED_CREDENTIALS_FILE=${shellQuote(credentialsFile)}`,
        `export AWS_PROFILE=${SANDBOX_PROFILE}`,
        `export AWS_REGION=${SANDBOX_REGION}`,
        'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
        '',
      ].join('\n'),
    );
    // Ready-made connections on the sandbox, for the views' "New query here" and for tests.
    const pgDb = estate.redshiftDatabase!;
    writeFileSync(
      path.join(dir, 'sandbox.json'),
      JSON.stringify(
        {
          profile: SANDBOX_PROFILE,
          region: SANDBOX_REGION,
          endpoints,
          clusters: summary.clusters,
          connections: [
            {
              name: 'Sandbox Redshift',
              kind: 'redshift',
              mode: 'data-api',
              profile: SANDBOX_PROFILE,
              region: SANDBOX_REGION,
              clusterIdentifier: SANDBOX_NAMES.redshiftCluster,
              dbUser: SANDBOX_NAMES.redshiftUser,
              database: pgDb,
            },
            {
              name: 'Sandbox Redshift Serverless',
              kind: 'redshift',
              mode: 'data-api',
              profile: SANDBOX_PROFILE,
              region: SANDBOX_REGION,
              workgroupName: SANDBOX_NAMES.workgroup,
              database: pgDb,
            },
            {
              name: 'Sandbox Athena',
              kind: 'athena',
              profile: SANDBOX_PROFILE,
              region: SANDBOX_REGION,
              workgroup: 'primary',
              catalog: 'AwsDataCatalog',
              database: SANDBOX_NAMES.glueDatabase,
              outputLocation: 's3://dw-athena-results/queries/',
            },
          ],
        },
        null,
        2,
      ) + '\n',
    );
    log(`sandbox: EMR/Glue/Redshift/Athena on ${endpoints.aws}, S3 on ${endpoints.s3}, DynamoDB on ${endpoints.dynamodb}`);
    log(
      `sandbox: ${summary.clusters.length} EMR clusters, Redshift cluster "${SANDBOX_NAMES.redshiftCluster}", workgroup "${SANDBOX_NAMES.workgroup}", Glue database "${SANDBOX_NAMES.glueDatabase}"`,
    );
    log(`sandbox: AWS config in ${dir}/aws (profile "${SANDBOX_PROFILE}", dummy keys); env in ${dir}/env.sh`);
    return {
      estate,
      endpoints,
      dir,
      async stop() {
        await new Promise<void>((resolve) => dynalite!.close(() => resolve()));
        await estate.stop();
        await estate.postgres?.stop();
      },
    };
  } catch (e) {
    dynalite?.close();
    await estate.stop();
    await estate.postgres?.stop();
    throw e;
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
  const basePort = Number(process.env.DW_SANDBOX_PORT ?? 4610);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65533)
    throw new Error(`DW_SANDBOX_PORT must be a port number (1024-65533), got "${process.env.DW_SANDBOX_PORT}"`);
  const dir = path.resolve(process.env.DW_SANDBOX_DIR ?? path.join(__dirname, '../../../.local/sandbox'));
  const stepDir = process.env.DW_SANDBOX_STEP_DIR ? path.resolve(process.env.DW_SANDBOX_STEP_DIR) : undefined;
  const sandbox = await startSandbox({ basePort, dir, stepDir, log: (line) => console.log(line) });
  // The line start.sh waits for.
  console.log('sandbox: ready');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Also stop when the parent (start.sh) is gone without signalling us (killed hard).
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      stop();
    }
  }, 2000).unref();
  setInterval(() => undefined, 1 << 30);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`sandbox: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
