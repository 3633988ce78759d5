// In-host checks of the "UNLOAD to S3" wiring (the AWS round trip itself is covered by
// test/unit/redshiftData/unload.test.ts against the loopback Data API + s3rver).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_LOCAL_CONNECTION, type RedshiftConnection } from '../../src/core/connections/types';
import { EngineError, type QueryExecution } from '../../src/core/engines/engine';
import type { ResultsRun, RunOffer } from '../../src/editor/results/api';
import { ResultsPanel } from '../../src/editor/results/resultsPanel';
import { UNLOAD_COMMAND, unloadOffer } from '../../src/editor/queries/unload';
import { AwsLoopbackServer } from '../support/aws/loopbackServer';

const EXTENSION_ID = 'data-workbench.data-workbench';
const REDSHIFT: RedshiftConnection = { name: 'rs-data-api', kind: 'redshift', mode: 'data-api', database: 'dev', clusterIdentifier: 'c1' };

describe('UNLOAD to S3 (editor wiring)', () => {
  let panel: ResultsPanel | undefined;
  afterEach(() => panel?.dispose());

  it('the command is registered and declines a connection that is not Redshift Data API', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    assert.ok((await vscode.commands.getCommands(true)).includes(UNLOAD_COMMAND));
    await vscode.commands.executeCommand('dataWorkbench.selectConnection', DEFAULT_LOCAL_CONNECTION.name);
    const result = await vscode.commands.executeCommand(UNLOAD_COMMAND, { sql: 'select 1', connectionName: DEFAULT_LOCAL_CONNECTION.name });
    assert.equal(result, undefined);
  });

  it('the Results panel asks a failing run for its offer; a Data API size-limit error offers UNLOAD', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    panel = new ResultsPanel(extension.extensionUri, undefined, undefined);
    const offerFor = unloadOffer(REDSHIFT, 'select * from big', 'big.sql:1')!;
    assert.ok(offerFor, 'offered for a SELECT on a Data API connection');
    assert.equal(unloadOffer(REDSHIFT, 'delete from big', 'x'), undefined);
    assert.equal(unloadOffer(DEFAULT_LOCAL_CONNECTION, 'select 1', 'x'), undefined);
    const seen: RunOffer[] = [];
    const error = new EngineError(
      'Redshift Data API: Database response exceeded size limit. Please retry with a smaller result size, or use UNLOAD',
      { category: 'query' },
    );
    const run: ResultsRun = {
      id: `unload-offer-${Date.now()}`,
      title: 'big.sql:1',
      sql: 'select * from big',
      connectionName: REDSHIFT.name,
      engineKind: 'redshift',
      startedAt: Date.now(),
      execution: Promise.reject(error) as Promise<QueryExecution>,
      cancel: () => undefined,
      offer: (outcome) => {
        const offer = offerFor(outcome);
        if (offer) seen.push(offer);
        return offer;
      },
    };
    await assert.rejects(panel.showRun(run), /exceeded size limit/);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].command, UNLOAD_COMMAND);
    assert.equal(seen[0].label, 'UNLOAD to S3');
    assert.deepEqual(seen[0].args, [{ sql: 'select * from big', connectionName: REDSHIFT.name, title: 'big.sql:1' }]);
  });

  // A Data API whose UNLOAD never finishes (the real wire protocol on loopback; the statement
  // stays STARTED): Cancel Query must stop it like any other run and cancel it on the server.
  it('Cancel Query stops a running UNLOAD and cancels the statement on the server', async function () {
    this.timeout(60_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    const server = new AwsLoopbackServer();
    const cancelled: string[] = [];
    const statements: string[] = [];
    server.register({
      targetPrefix: 'RedshiftData',
      signingName: 'redshift-data',
      throttlingType: 'ThrottlingException',
      operations: {
        ExecuteStatement: (body) => ({
          Id: `stmt-${statements.push(String(body.Sql))}`,
          Database: 'dev',
          ClusterIdentifier: 'c1',
          CreatedAt: Date.now() / 1000,
        }),
        DescribeStatement: (body) => ({
          Id: body.Id,
          Status: cancelled.includes(String(body.Id)) ? 'ABORTED' : 'STARTED',
          HasResultSet: false,
          QueryString: 'unload',
          CreatedAt: Date.now() / 1000,
          UpdatedAt: Date.now() / 1000,
        }),
        CancelStatement: (body) => {
          cancelled.push(String(body.Id));
          return { Status: true };
        },
      },
    });
    await server.start();
    const env = { AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST', AWS_SECRET_ACCESS_KEY: 'loopback-secret', AWS_REGION: 'us-east-1' } as const;
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const config = vscode.workspace.getConfiguration('dataWorkbench');
    // User settings: a workspace-defined connection would first ask the user to confirm it.
    const before = config.inspect('connections')?.globalValue;
    const connection: RedshiftConnection = {
      ...REDSHIFT,
      name: 'rs-unload-cancel',
      region: 'us-east-1',
      dbUser: 'analyst',
      endpoint: server.endpoint,
      unloadS3Location: 's3://dw-unload/exports/',
      unloadIamRole: 'arn:aws:iam::123456789012:role/RedshiftUnload',
    };
    try {
      await config.update('connections', [connection], vscode.ConfigurationTarget.Global);
      const running = vscode.commands.executeCommand<{ cancelled?: boolean } | undefined>(UNLOAD_COMMAND, {
        sql: 'select * from big_events',
        connectionName: connection.name,
        title: 'big.sql:1',
      });
      const deadline = Date.now() + 20_000;
      while (server.callsTo('DescribeStatement').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // The UNLOAD goes out beside a LIMIT 0 probe for the column types (both still STARTED).
      const unloadId = `stmt-${statements.findIndex((sql) => /^UNLOAD \('select \* from big_events'\)/.test(sql)) + 1}`;
      assert.notEqual(unloadId, 'stmt-0', `the UNLOAD statement was sent: ${JSON.stringify(statements)}`);
      assert.equal(
        await vscode.commands.executeCommand('dataWorkbench.cancelQuery'),
        1,
        'Cancel Query counts the UNLOAD as a running query',
      );
      const summary = await running;
      assert.equal(summary?.cancelled, true, 'the UNLOAD run ends as cancelled');
      assert.ok(
        cancelled.includes(unloadId),
        `CancelStatement reached the server for the UNLOAD statement ${unloadId}: ${JSON.stringify(cancelled)}`,
      );
      assert.equal(await vscode.commands.executeCommand('dataWorkbench.cancelQuery'), 0, 'nothing is left running');
    } finally {
      await config.update('connections', before, vscode.ConfigurationTarget.Global);
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      await server.stop();
    }
  });
});
