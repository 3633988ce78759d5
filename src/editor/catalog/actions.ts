// The Catalog view's commands: refresh, filter a level, Glue table details, Preview with Athena,
// Copy DDL, Insert name at cursor. Each calls the core; failures go to the log and a message.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';
import type { CatalogNode } from '../../core/catalog/catalogTree';
import type { AthenaConnection, ConnectionConfig } from '../../core/connections/types';
import { Commands } from '../commands';
import type { ConnectionManager } from '../connections/manager';
import type { ExplorerNode } from '../explorer/explorerNode';
import { failureReporter, nodeItem } from '../explorer/nodeActions';
import { openSqlOn } from '../clusters/sqlDocuments';
import { catalogApi, type CatalogView } from './view';
import { TableDetailsDocuments, TABLE_DETAILS_SCHEME, tableDetailsUri } from './tableDetailsDocuments';

type Of<K extends CatalogNode['kind']> = Extract<CatalogNode, { kind: K }>;

function itemOf<K extends CatalogNode['kind']>(node: unknown, ...kinds: K[]): Of<K> | undefined {
  return nodeItem<CatalogNode, K>(node, kinds);
}

export function registerCatalogActions(context: vscode.ExtensionContext, view: CatalogView, connections: ConnectionManager): void {
  const { source, model, provider, log } = view;
  const fail = failureReporter(log);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TABLE_DETAILS_SCHEME, new TableDetailsDocuments(() => source.load(), log)),
    vscode.commands.registerCommand(Commands.catalogRefresh, (node?: ExplorerNode) =>
      provider.refresh(node && 'item' in node ? node : undefined),
    ),
    vscode.commands.registerCommand(Commands.catalogFilter, async (node?: ExplorerNode) => {
      if (!node || !('item' in node)) return;
      const loaded = await source.load();
      const text = await vscode.window.showInputBox({
        title: 'Filter by name',
        prompt: 'Show only children whose name contains this text (empty: show all)',
        value: loaded.filterOf(node.id) ?? '',
      });
      if (text === undefined) return;
      loaded.setFilter(node.id, text.trim() || undefined);
      model.refresh(node.id);
    }),
    vscode.commands.registerCommand(Commands.catalogShowTableDetails, async (node?: unknown) => {
      const item = itemOf(node, 'glueTable');
      if (!item) return;
      const doc = await vscode.workspace.openTextDocument(tableDetailsUri(item.table.database, item.table.name));
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand(Commands.catalogCopyDdl, async (node?: unknown) => {
      const item = itemOf(node, 'glueTable');
      if (!item) return;
      try {
        const { athenaCreateTableDdl } = await catalogApi();
        const glue = (await source.load()).glue!;
        const ddl = athenaCreateTableDdl(await glue.getTable(item.table.database, item.table.name));
        await vscode.env.clipboard.writeText(ddl);
        void vscode.window.showInformationMessage(
          notificationText(`Data Workbench: copied the CREATE EXTERNAL TABLE statement of ${item.table.database}.${item.table.name}.`),
        );
      } catch (e) {
        fail(`copy DDL of ${item.table.database}.${item.table.name}`, e);
      }
    }),
    vscode.commands.registerCommand(Commands.catalogPreviewWithAthena, async (node?: unknown) => {
      const item = itemOf(node, 'glueTable');
      if (!item) return;
      try {
        const athena = connections.connections.filter((c): c is AthenaConnection => c.kind === 'athena');
        let connection: ConnectionConfig | undefined =
          connections.active.kind === 'athena' ? connections.active : athena.length === 1 ? athena[0] : undefined;
        if (!connection && athena.length > 1) {
          const pick = await vscode.window.showQuickPick(
            athena.map((c) => ({ label: c.name, description: [c.profile, c.region, c.workgroup].filter(Boolean).join(' · '), c })),
            { title: 'Preview with which Athena connection?' },
          );
          connection = pick?.c;
          if (!pick) return;
        }
        if (!connection) {
          const add = 'Add Connection';
          if (
            (await vscode.window.showInformationMessage(
              'Data Workbench: previewing a Glue table runs an Athena query; add an Athena connection first.',
              add,
            )) === add
          )
            await vscode.commands.executeCommand(Commands.addConnection);
          return;
        }
        const { athenaPreviewSql } = await catalogApi();
        await openSqlOn(connections, connection, athenaPreviewSql(item.table.database, item.table.name) + '\n', true);
      } catch (e) {
        fail(`preview ${item.table.database}.${item.table.name}`, e);
      }
    }),
    vscode.commands.registerCommand(Commands.catalogInsertName, async (node?: unknown) => {
      const item = itemOf(node, 'schema', 'table', 'column', 'glueDatabase', 'glueTable', 'glueColumn');
      if (!item) return;
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Data Workbench: open an editor to insert the name into.');
        return;
      }
      const { qualifiedName } = await catalogApi();
      const name =
        item.kind === 'schema'
          ? qualifiedName(item.schema)
          : item.kind === 'table'
            ? qualifiedName(item.table.schema, item.table.name)
            : item.kind === 'column' || item.kind === 'glueColumn'
              ? qualifiedName(item.column.name)
              : item.kind === 'glueDatabase'
                ? qualifiedName(item.database.name)
                : qualifiedName(item.table.database, item.table.name);
      await editor.edit((b) => {
        for (const sel of editor.selections) b.replace(sel, name);
      });
    }),
  );
}
