// In-host checks of the "UNLOAD to S3" wiring (the AWS round trip itself is covered by
// test/unit/redshiftData/unload.test.ts against the loopback Data API + s3rver).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_LOCAL_CONNECTION, type RedshiftConnection } from '../../src/core/connections/types';
import { EngineError, type QueryExecution } from '../../src/core/engines/engine';
import type { ResultsRun, RunOffer } from '../../src/editor/results/api';
import { ResultsPanel } from '../../src/editor/results/resultsPanel';
import { UNLOAD_COMMAND, unloadOffer } from '../../src/editor/queries/unload';

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
    const error = new EngineError('Redshift Data API: Database response exceeded size limit. Please retry with a smaller result size, or use UNLOAD', { category: 'query' });
    const run: ResultsRun = {
      id: `unload-offer-${Date.now()}`, title: 'big.sql:1', sql: 'select * from big', connectionName: REDSHIFT.name, engineKind: 'redshift', startedAt: Date.now(),
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
});
