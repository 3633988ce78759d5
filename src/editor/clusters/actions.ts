// The Clusters view's commands: refresh, choose profiles, filter a level, copy id, open a step
// log, cancel a step, terminate a cluster, Save as cluster.json, and on Redshift: New query
// here, Select top 100, Copy qualified name. Each calls the core; failures go to the log and a message.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';
import type { ClustersNode } from '../../core/clusters/clustersTree';
import type { ConnectionConfig, RedshiftConnection } from '../../core/connections/types';
import { Commands } from '../commands';
import { settingId, updateSetting } from '../config';
import type { ConnectionManager } from '../connections/manager';
import type { ExplorerNode } from '../explorer/explorerNode';
import { failureReporter, nodeItem } from '../explorer/nodeActions';
import { pickPlaybook } from '../jobs/pickPlaybook';
import { clustersApi, type ClustersView } from './view';
import { ensureConnection, openSqlOn } from './sqlDocuments';
import { StepLogDocuments, STEP_LOG_SCHEME, stepLogUri } from './stepLogDocuments';

type Of<K extends ClustersNode['kind']> = Extract<ClustersNode, { kind: K }>;

function itemOf<K extends ClustersNode['kind']>(node: unknown, ...kinds: K[]): Of<K> | undefined {
  return nodeItem<ClustersNode, K>(node, kinds);
}

export function registerClusterActions(context: vscode.ExtensionContext, view: ClustersView, connections: ConnectionManager): void {
  const { source, model, provider, log } = view;
  const fail = failureReporter(log);
  const keyOf = (item: ClustersNode): string => source.loaded!.key(item);

  /** A Redshift Data API connection for a warehouse node, offering to create it when missing. */
  const connectionFor = async (item: Of<'warehouse' | 'database' | 'schema' | 'table'>): Promise<ConnectionConfig | undefined> => {
    const api = await clustersApi();
    const loaded = await source.load();
    const database = item.kind === 'warehouse' ? item.warehouse.database : item.database;
    const target = loaded.dataApiTarget(item.warehouse, database);
    const wanted = api.connectionFor(item.warehouse, loaded.targets[item.t], { database, dbUser: target.dbUser });
    const same = (c: ConnectionConfig): boolean => {
      if (c.kind !== 'redshift' || c.mode !== 'data-api') return false;
      const r = c as RedshiftConnection;
      return (
        r.database === database &&
        (item.warehouse.kind === 'serverless' ? r.workgroupName === item.warehouse.id : r.clusterIdentifier === item.warehouse.id)
      );
    };
    return ensureConnection(connections, wanted, same, log);
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(STEP_LOG_SCHEME, new StepLogDocuments(() => source.load(), log)),
    vscode.commands.registerCommand(Commands.clustersRefresh, (node?: ExplorerNode) =>
      provider.refresh(node && 'item' in node ? node : undefined),
    ),
    vscode.commands.registerCommand(Commands.clustersChooseProfiles, async () => {
      const { listAwsProfiles } = await clustersApi();
      const profiles = await listAwsProfiles();
      if (!profiles.length) {
        void vscode.window.showInformationMessage(
          'Data Workbench: no AWS profiles found in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE). The views use the default credential chain.',
        );
        return;
      }
      const picks = await vscode.window.showQuickPick(
        profiles.map((p) => ({
          label: p.name,
          description: [p.region, p.sso ? 'SSO' : undefined, p.customEndpoints ? 'custom endpoints' : undefined]
            .filter(Boolean)
            .join(' · '),
          profile: p,
        })),
        { canPickMany: true, title: 'AWS profiles for the Clusters and Catalog views' },
      );
      if (!picks?.length) return;
      const targets: { profile: string; region?: string }[] = [];
      for (const p of picks) {
        const region = await vscode.window.showInputBox({
          title: `Region for ${p.label}`,
          value: p.profile.region ?? 'us-east-1',
          validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(v) ? undefined : 'A region code such as eu-west-1'),
        });
        if (region === undefined) return;
        targets.push({ profile: p.label, region });
      }
      await updateSetting('aws.targets', targets, vscode.ConfigurationTarget.Global);
      log.info(`${settingId('aws.targets')}: ${targets.map((t) => `${t.profile} @ ${t.region}`).join(', ')}`);
    }),
    vscode.commands.registerCommand(Commands.clustersFilter, async (node?: ExplorerNode) => {
      if (!node || !('item' in node)) return;
      const loaded = await source.load();
      const key = node.id;
      const text = await vscode.window.showInputBox({
        title: 'Filter by name',
        prompt: 'Show only children whose name contains this text (empty: show all)',
        value: loaded.filterOf(key) ?? '',
      });
      if (text === undefined) return;
      loaded.setFilter(key, text.trim() || undefined);
      model.refresh(key);
    }),
    vscode.commands.registerCommand(Commands.clustersCopyId, async (node?: unknown) => {
      const item = itemOf(node, 'emrCluster', 'emrStep', 'warehouse');
      if (!item) return;
      const id = item.kind === 'emrCluster' ? item.cluster.id : item.kind === 'emrStep' ? item.step.id : item.warehouse.id;
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
    }),
    vscode.commands.registerCommand(Commands.clustersOpenStepLog, async (node?: unknown) => {
      const item = itemOf(node, 'emrStepLog');
      if (!item) return;
      const doc = await vscode.workspace.openTextDocument(stepLogUri(item.t, item.clusterId, item.stepId, item.log));
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand(Commands.clustersCancelStep, async (node?: unknown) => {
      const item = itemOf(node, 'emrStep');
      if (!item) return;
      try {
        const result = await (await source.load()).emr(item.t).cancelStep(item.clusterId, item.step.id);
        if (result.cancelled) {
          log.info(`Cancel requested for step ${item.step.id} (${item.step.name}) on ${item.clusterId}`);
          void vscode.window.showInformationMessage(notificationText(`Data Workbench: cancelling step "${item.step.name}".`));
        } else {
          log.warn(`EMR refused to cancel step ${item.step.id}: ${result.reason}`);
          void vscode.window.showWarningMessage(
            notificationText(`Data Workbench: EMR did not cancel step "${item.step.name}": ${result.reason}`),
          );
        }
        model.refresh(keyOf({ kind: 'emrSteps', t: item.t, clusterId: item.clusterId }));
      } catch (e) {
        fail(`cancel step ${item.step.id}`, e);
      }
    }),
    vscode.commands.registerCommand(Commands.clustersTerminateCluster, async (node?: unknown) => {
      const item = itemOf(node, 'emrCluster');
      if (!item) return;
      const c = item.cluster;
      const terminate = 'Terminate';
      const pick = await vscode.window.showWarningMessage(
        notificationText(`Terminate EMR cluster "${c.name}" (${c.id})?`),
        { modal: true, detail: 'Its steps stop and its instances are released. This cannot be undone.' },
        terminate,
      );
      if (pick !== terminate) return;
      try {
        await (await source.load()).emr(item.t).terminateCluster(c.id);
        log.info(`Terminate requested for EMR cluster ${c.id} (${c.name})`);
        void vscode.window.showInformationMessage(notificationText(`Data Workbench: terminating cluster "${c.name}".`));
        model.refresh(keyOf({ kind: 'emr', t: item.t }));
      } catch (e) {
        fail(`terminate cluster ${c.id}`, e);
      }
    }),
    vscode.commands.registerCommand(Commands.clustersSubmitSteps, async (node?: unknown) => {
      const item = itemOf(node, 'emrCluster');
      if (!item) return;
      const playbook = await pickPlaybook(`Submit playbook steps to ${item.cluster.name} (${item.cluster.id})`);
      if (playbook) await vscode.commands.executeCommand(Commands.submitSteps, playbook, { clusterId: item.cluster.id });
    }),
    vscode.commands.registerCommand(Commands.clustersSaveClusterJson, async (node?: unknown) => {
      const item = itemOf(node, 'emrCluster');
      if (!item) return;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        title: `Save ${item.cluster.name} as a Dataflow Runner cluster.json`,
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'cluster.json') : undefined,
        filters: { JSON: ['json'] },
      });
      if (!target) return;
      try {
        const out = await (await source.load()).emr(item.t).clusterConfig(item.cluster.id);
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(out.text));
        log.info(`Saved ${item.cluster.id} as ${target.fsPath}${out.warnings.length ? ` with ${out.warnings.length} warning(s)` : ''}`);
        for (const w of out.warnings) log.warn(`cluster.json: ${w}`);
        if (out.warnings.length) {
          const pick = await vscode.window.showWarningMessage(
            notificationText(
              `Saved ${vscode.workspace.asRelativePath(target)} with ${out.warnings.length} warning(s): ${out.warnings.join(' ')}`,
            ),
            'Open File',
            'Show Log',
          );
          if (pick === 'Show Log') log.show(true);
          if (pick === 'Open File') await vscode.window.showTextDocument(target);
        } else {
          await vscode.window.showTextDocument(target);
        }
      } catch (e) {
        fail(`save ${item.cluster.id} as cluster.json`, e);
      }
    }),
    vscode.commands.registerCommand(Commands.clustersNewQuery, async (node?: unknown) => {
      const item = itemOf(node, 'warehouse', 'database', 'schema', 'table');
      if (!item) return;
      try {
        const connection = await connectionFor(item);
        if (!connection) return;
        const sql = item.kind === 'table' ? (await clustersApi()).selectTopSql(item.table.schema, item.table.name) + '\n' : '';
        await openSqlOn(connections, connection, sql, false);
      } catch (e) {
        fail('new query', e);
      }
    }),
    vscode.commands.registerCommand(Commands.clustersSelectTop, async (node?: unknown) => {
      const item = itemOf(node, 'table');
      if (!item) return;
      try {
        const connection = await connectionFor(item);
        if (!connection) return;
        await openSqlOn(connections, connection, (await clustersApi()).selectTopSql(item.table.schema, item.table.name) + '\n', true);
      } catch (e) {
        fail('select top 100', e);
      }
    }),
    vscode.commands.registerCommand(Commands.clustersCopyQualifiedName, async (node?: unknown) => {
      const item = itemOf(node, 'schema', 'table', 'column');
      if (!item) return;
      const { qualifiedName } = await clustersApi();
      const name =
        item.kind === 'schema'
          ? qualifiedName(item.database, item.schema)
          : item.kind === 'table'
            ? qualifiedName(item.database, item.table.schema, item.table.name)
            : qualifiedName(item.database, item.schema, item.table, item.column.name);
      await vscode.env.clipboard.writeText(name);
      void vscode.window.setStatusBarMessage(`Copied ${name}`, 3000);
    }),
  );
}
