// "Add Connection": a short quick-input wizard per kind. Only non-secret fields are asked here;
// the password (postgres, Redshift over the wire) goes to SecretStorage afterwards.
import * as vscode from 'vscode';
import { validateConnection } from '../../core/connections/model';
import type { ConnectionConfig } from '../../core/connections/types';
import { notificationText } from '../../core/text/notification';

class Cancelled extends Error {}

interface Ask {
  prompt: string;
  value?: string;
  placeHolder?: string;
  optional?: boolean;
  validate?: (v: string) => string | undefined;
}

const port = (v: string): string | undefined =>
  v === '' || (/^\d+$/.test(v) && +v >= 1 && +v <= 65535) ? undefined : 'A port number from 1 to 65535';

async function pick<T extends string>(title: string, items: { label: string; value: T; detail?: string }[]): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  return chosen.value;
}

export async function connectionWizard(existingNames: readonly string[]): Promise<ConnectionConfig | undefined> {
  const title = 'Add Data Workbench connection';
  const ask = async (a: Ask): Promise<string | undefined> => {
    const v = await vscode.window.showInputBox({
      title,
      prompt: a.prompt + (a.optional ? ' (optional)' : ''),
      value: a.value,
      placeHolder: a.placeHolder,
      ignoreFocusOut: true,
      validateInput: (text) => (!a.optional && text.trim() === '' ? 'Required' : a.validate?.(text.trim())),
    });
    if (v === undefined) throw new Cancelled();
    return v.trim() === '' ? undefined : v.trim();
  };
  try {
    const kind = await pick('Kind of connection', [
      { label: 'Local (DuckDB)', value: 'local', detail: 'Embedded engine: in-memory or a .duckdb file' },
      { label: 'PostgreSQL', value: 'postgres', detail: 'Host, port, database and user; password kept in secret storage' },
      { label: 'Amazon Redshift', value: 'redshift', detail: 'Through the Redshift Data API (IAM) or the PostgreSQL wire protocol' },
      { label: 'Amazon Athena', value: 'athena', detail: 'Workgroup, catalog and database; credentials from your AWS profile' },
    ] as const);
    const name = (await ask({
      prompt: 'Connection name',
      validate: (v) => (existingNames.includes(v) ? `A connection named "${v}" already exists` : undefined),
    }))!;
    let raw: Record<string, unknown>;
    switch (kind) {
      case 'local':
        raw = {
          name,
          kind,
          databasePath: await ask({ prompt: 'DuckDB database file; empty for in-memory with the sample atomic.events', optional: true }),
        };
        break;
      case 'postgres':
        raw = {
          name,
          kind,
          host: await ask({ prompt: 'Host', value: 'localhost' }),
          port: Number((await ask({ prompt: 'Port', value: '5432', validate: port })) ?? 5432),
          database: await ask({ prompt: 'Database' }),
          user: await ask({ prompt: 'User' }),
          ssl: await pick('SSL', sslItems('prefer')),
        };
        break;
      case 'redshift': {
        const mode = await pick('How to reach Redshift', [
          {
            label: 'Data API',
            value: 'data-api',
            detail: 'IAM auth through your AWS profile; provisioned cluster or serverless workgroup',
          },
          { label: 'PostgreSQL wire protocol', value: 'wire', detail: 'Cluster endpoint host:5439 with a database user and password' },
        ] as const);
        if (mode === 'wire') {
          raw = {
            name,
            kind,
            mode,
            host: await ask({ prompt: 'Cluster endpoint host', placeHolder: 'examplecluster.abc123.us-east-1.redshift.amazonaws.com' }),
            port: Number((await ask({ prompt: 'Port', value: '5439', validate: port })) ?? 5439),
            database: await ask({ prompt: 'Database', value: 'dev' }),
            user: await ask({ prompt: 'User', value: 'awsuser' }),
            ssl: await pick('SSL', sslItems('require')),
          };
        } else {
          const target = await pick('Redshift deployment', [
            { label: 'Serverless workgroup', value: 'serverless' },
            { label: 'Provisioned cluster', value: 'provisioned' },
          ] as const);
          raw = { name, kind, mode, database: await ask({ prompt: 'Database', value: 'dev' }) };
          if (target === 'serverless') raw.workgroupName = await ask({ prompt: 'Workgroup name' });
          else {
            raw.clusterIdentifier = await ask({ prompt: 'Cluster identifier' });
            raw.dbUser = await ask({
              prompt: 'Database user for temporary credentials (or leave empty and give a Secrets Manager ARN next)',
              optional: true,
            });
            if (!raw.dbUser) raw.secretArn = await ask({ prompt: 'Secrets Manager secret ARN', optional: true });
          }
          raw.region = await ask({ prompt: 'AWS region', placeHolder: 'us-east-1', optional: true });
          raw.profile = await ask({ prompt: 'AWS profile (from ~/.aws/config)', optional: true });
        }
        break;
      }
      case 'athena':
        raw = {
          name,
          kind,
          region: await ask({ prompt: 'AWS region', placeHolder: 'us-east-1', optional: true }),
          profile: await ask({ prompt: 'AWS profile (from ~/.aws/config)', optional: true }),
          workgroup: await ask({ prompt: 'Workgroup', value: 'primary' }),
          database: await ask({ prompt: 'Default database', placeHolder: 'atomic', optional: true }),
          outputLocation: await ask({
            prompt: 'Query result location (s3://bucket/prefix/); empty to use the workgroup setting',
            optional: true,
            validate: (v) => (v === '' || v.startsWith('s3://') ? undefined : 'Must start with s3://'),
          }),
        };
        break;
    }
    const { config, errors } = validateConnection(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
    if (!config) {
      void vscode.window.showErrorMessage(notificationText(`Connection not added: ${errors.join('; ')}`));
      return undefined;
    }
    return config;
  } catch (err) {
    if (err instanceof Cancelled) return undefined;
    throw err;
  }
}

function sslItems(
  recommended: string,
): { label: string; value: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'; detail?: string }[] {
  return (['prefer', 'require', 'verify-full', 'verify-ca', 'disable'] as const)
    .map((value) => ({ label: value, value, detail: value === recommended ? 'recommended' : undefined }))
    .sort((a, b) => (a.value === recommended ? -1 : b.value === recommended ? 1 : 0));
}
