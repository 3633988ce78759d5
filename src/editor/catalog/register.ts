// The Catalog view: the active connection's catalog (catalogSourceFor) and the Glue Data Catalog
// of the first AWS target, the core CatalogTreeSource through the shared TreeModel. It follows the
// active connection; Glue problems set dataWorkbench.catalog.state and the view's message.
import * as vscode from 'vscode';
import type { CatalogNode, CatalogTreeSource } from '../../core/catalog/catalogTree';
import { parseAwsTargets } from '../../core/clusters/targetsSetting';
import { TreeModel } from '../../core/explorer/treeModel';
import { BuiltinCommands, ContextKeys, ViewIds } from '../commands';
import { affectsSetting, setting } from '../config';
import type { EngineCache } from '../connections/engines';
import type { ConnectionManager } from '../connections/manager';
import type { ExplorerNode, ItemNode } from '../explorer/explorerNode';
import { LazySource } from '../explorer/lazySource';
import { ModelTreeProvider } from '../explorer/provider';
import { registerCatalogActions } from './actions';
import { catalogApi } from './view';
import type { CatalogItemNode } from './catalogItemNode';
import { ColumnNode } from './columnNode';
import { ConnectionNode } from './connectionNode';
import { GlueColumnNode } from './glueColumnNode';
import { GlueDatabaseNode } from './glueDatabaseNode';
import { GlueNode } from './glueNode';
import { GluePartitionNode } from './gluePartitionNode';
import { GluePartitionsNode } from './gluePartitionsNode';
import { GlueTableNode } from './glueTableNode';
import { SchemaNode } from './schemaNode';
import { TableNode } from './tableNode';

function nodeFor(item: CatalogNode, key: string, hasChildren: boolean): ItemNode<CatalogNode> {
  const make = (C: new (item: CatalogNode, key: string, hasChildren: boolean) => CatalogItemNode): CatalogItemNode =>
    new C(item, key, hasChildren);
  switch (item.kind) {
    case 'connection':
      return make(ConnectionNode);
    case 'schema':
      return make(SchemaNode);
    case 'table':
      return make(TableNode);
    case 'column':
      return make(ColumnNode);
    case 'glue':
      return make(GlueNode);
    case 'glueDatabase':
      return make(GlueDatabaseNode);
    case 'glueTable':
      return make(GlueTableNode);
    case 'glueColumn':
      return make(GlueColumnNode);
    case 'gluePartitions':
      return make(GluePartitionsNode);
    case 'gluePartition':
      return make(GluePartitionNode);
  }
}

const WELCOME_MESSAGES: Record<string, string> = {
  'no-credentials':
    'Glue Data Catalog: no AWS credentials. Choose a profile (Data Workbench: Choose AWS Profiles) or sign in (aws sso login).',
  'access-denied': 'Glue Data Catalog: access denied. The profile needs glue:GetDatabases, glue:GetTables and glue:GetPartitions.',
  empty: 'Glue Data Catalog: no databases in this account and region.',
};

/** The provider, which also lists Glue's databases with the roots to tell the welcome state. */
class CatalogTreeProvider extends ModelTreeProvider<CatalogNode> {
  constructor(
    private readonly catalogModel: TreeModel<CatalogNode>,
    private readonly source: LazySource<CatalogNode, CatalogTreeSource>,
    private readonly treeView: () => vscode.TreeView<ExplorerNode> | undefined,
  ) {
    super(catalogModel, nodeFor);
  }

  override async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await super.getChildren(node);
    if (node) return children;
    let state = 'tree';
    const glue = children.find((c): c is ItemNode<CatalogNode> => 'item' in c && (c as ItemNode<CatalogNode>).item.kind === 'glue');
    if (glue) {
      const databases = await this.catalogModel.children(glue.item);
      const kind = this.source.loaded?.glueRootError;
      if (kind === 'no-credentials' || kind === 'access-denied') state = kind;
      else if (!kind && !databases.some((e) => e.kind === 'item')) state = 'empty';
    }
    void vscode.commands.executeCommand(BuiltinCommands.setContext, ContextKeys.catalogState, state);
    const view = this.treeView();
    if (view) view.message = WELCOME_MESSAGES[state];
    // Only Glue in the tree and it cannot be listed: the welcome content explains why.
    const onlyGlue = children.every((c) => c === glue);
    return state !== 'tree' && onlyGlue ? [] : children;
  }
}

export function registerCatalog(
  context: vscode.ExtensionContext,
  connections: ConnectionManager,
  engines: EngineCache,
  log: vscode.LogOutputChannel,
): void {
  const source = new LazySource<CatalogNode, CatalogTreeSource>(async () => {
    const { CatalogTreeSource, catalogSourceFor } = await catalogApi();
    const active = connections.active;
    const parsed = parseAwsTargets(setting('aws.targets'));
    const glue = setting('catalog.showGlue') ? parsed.targets[0] : undefined;
    let connection: { name: string; source: Awaited<ReturnType<typeof catalogSourceFor>> } | undefined;
    try {
      const needsEngine = active.kind === 'local' || active.kind === 'postgres' || (active.kind === 'redshift' && active.mode === 'wire');
      const engine = needsEngine ? await engines.get(active) : undefined;
      connection = { name: active.name, source: await catalogSourceFor(active, { engine }) };
    } catch (e) {
      // The Glue part still shows; the connection's problem goes to the log.
      log.error(`Catalog of ${active.name}: ${e instanceof Error ? e.message : String(e)}`);
      if (!glue) throw e;
    }
    log.info(`Catalog: ${connection ? `connection ${connection.name}` : 'no connection catalog'}${glue ? ', Glue Data Catalog' : ''}`);
    return new CatalogTreeSource({ connection, glue });
  });
  const model = new TreeModel(source);
  const views: { tree?: vscode.TreeView<ExplorerNode> } = {};
  const provider = new CatalogTreeProvider(model, source, () => views.tree);
  const treeView = vscode.window.createTreeView(ViewIds.catalog, { treeDataProvider: provider, showCollapseAll: true });
  views.tree = treeView;
  const rebuild = (): void => {
    source.reset();
    model.refresh();
  };
  context.subscriptions.push(
    treeView,
    provider,
    connections.onDidChangeActive(rebuild),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e, 'aws.targets') || affectsSetting(e, 'catalog.showGlue')) rebuild();
    }),
    {
      dispose: () => {
        model.dispose();
        source.reset();
      },
    },
  );
  registerCatalogActions(context, { source, model, provider, log }, connections);
}
