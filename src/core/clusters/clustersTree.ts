// The Clusters view as a TreeSource (core/explorer/treeModel.ts), without `vscode`: per AWS
// target, EMR (active clusters, terminated ones under their own on-demand node) → cluster details
// and steps (paged, newest first) → step logs; Redshift clusters and Serverless workgroups →
// databases → schemas → tables/views → columns. One service call per level and page.
import { NameFilters } from '../explorer/nameFilters';
import type { ChildPage, TreeModel, TreeSource } from '../explorer/treeModel';
import type { CatalogColumn } from '../catalog/types';
import { RedshiftMetadata, likeLiteral, type DataApiTarget, type RedshiftTableInfo } from '../catalog/redshiftDataCatalog';
import type { ExplorerErrorKind } from '../aws/explorerErrors';
import {
  CHANGING_CLUSTER_STATES,
  CHANGING_STEP_STATES,
  EmrExplorer,
  STEP_LOG_KINDS,
  type EmrClusterSummary,
  type EmrStepInfo,
  type StepLogKind,
} from './emr';
import { RedshiftExplorer, dataApiTargetFor, isWarehouseChanging, type RedshiftWarehouse } from './redshift';
import { Poller, compareStates, type PollerOptions } from './poller';
import { targetLabel, type AwsTarget } from './awsTarget';

/** What a node of the Clusters view stands for. `t` is the index of its target in `targets`. */
export type ClustersNode =
  | { kind: 'target'; t: number; label: string }
  | { kind: 'emr'; t: number }
  | { kind: 'emrTerminated'; t: number }
  | { kind: 'emrCluster'; t: number; cluster: EmrClusterSummary }
  /** One line of a cluster's details: release, applications, a capacity group, master DNS, log URI. */
  | { kind: 'emrDetail'; t: number; clusterId: string; name: string; label: string; description: string }
  | { kind: 'emrSteps'; t: number; clusterId: string }
  | { kind: 'emrStep'; t: number; clusterId: string; step: EmrStepInfo }
  | { kind: 'emrStepLog'; t: number; clusterId: string; stepId: string; log: StepLogKind }
  | { kind: 'redshift'; t: number }
  | { kind: 'warehouse'; t: number; warehouse: RedshiftWarehouse }
  | { kind: 'database'; t: number; warehouse: RedshiftWarehouse; database: string }
  | { kind: 'schema'; t: number; warehouse: RedshiftWarehouse; database: string; schema: string }
  | { kind: 'table'; t: number; warehouse: RedshiftWarehouse; database: string; table: RedshiftTableInfo }
  | { kind: 'column'; t: number; warehouse: RedshiftWarehouse; database: string; schema: string; table: string; column: CatalogColumn };

interface TargetClients {
  emr: EmrExplorer;
  redshift: RedshiftExplorer;
  metadata: RedshiftMetadata;
}

/** Cursor of the Redshift folder: provisioned clusters first, then workgroups, each paged. */
const SERVERLESS_CURSOR = 'serverless:';

export class ClustersTreeSource implements TreeSource<ClustersNode> {
  private readonly clients: TargetClients[];
  /** The kind of the last failure listing a target's EMR or Redshift roots (welcome views:
   * no credentials / access denied), cleared by a success; per target index. */
  readonly rootErrors = new Map<number, ExplorerErrorKind>();

  /** `dataApiUser`: how the Data API signs in to provisioned clusters (default: their master user). */
  constructor(
    readonly targets: readonly AwsTarget[],
    private readonly options: { dataApiUser?: (w: RedshiftWarehouse) => { dbUser?: string; secretArn?: string } } = {},
  ) {
    this.clients = targets.map((target) => ({
      emr: new EmrExplorer(target),
      redshift: new RedshiftExplorer(target),
      metadata: new RedshiftMetadata(target),
    }));
  }

  private readonly filters = new NameFilters();

  /** Filters the children of the node with `parentKey` by name (case-insensitive substring);
   * empty or undefined clears it. Redshift tables are filtered by the service (TablePattern),
   * other levels page by page as they load. Call TreeModel.refresh(parentKey) afterwards. */
  setFilter(parentKey: string, text: string | undefined): void {
    this.filters.set(parentKey, text);
  }

  filterOf(parentKey: string): string | undefined {
    return this.filters.get(parentKey);
  }

  /** The EMR model of target `t` (actions: cancel, terminate, logs, cluster.json). */
  emr(t: number): EmrExplorer {
    return this.clients[t].emr;
  }

  /** The Data API target a Redshift node is browsed through (actions: New query here, Select top 100). */
  dataApiTarget(warehouse: RedshiftWarehouse, database?: string): DataApiTarget {
    return dataApiTargetFor(warehouse, { database, ...this.options.dataApiUser?.(warehouse) });
  }

  key(n: ClustersNode): string {
    const base = `${n.t}`;
    switch (n.kind) {
      case 'target':
        return `${base}`;
      case 'emr':
        return `${base}/emr`;
      case 'emrTerminated':
        return `${base}/emr/terminated`;
      case 'emrCluster':
        return `${base}/emr/${n.cluster.id}`;
      case 'emrDetail':
        return `${base}/emr/${n.clusterId}/detail/${n.name}`;
      case 'emrSteps':
        return `${base}/emr/${n.clusterId}/steps`;
      case 'emrStep':
        return `${base}/emr/${n.clusterId}/steps/${n.step.id}`;
      case 'emrStepLog':
        return `${base}/emr/${n.clusterId}/steps/${n.stepId}/${n.log}`;
      case 'redshift':
        return `${base}/redshift`;
      case 'warehouse':
        return `${base}/redshift/${n.warehouse.kind}/${n.warehouse.id}`;
      case 'database':
        return `${base}/redshift/${n.warehouse.kind}/${n.warehouse.id}/${enc(n.database)}`;
      case 'schema':
        return `${base}/redshift/${n.warehouse.kind}/${n.warehouse.id}/${enc(n.database)}/${enc(n.schema)}`;
      case 'table':
        return `${base}/redshift/${n.warehouse.kind}/${n.warehouse.id}/${enc(n.database)}/${enc(n.table.schema)}/${enc(n.table.name)}`;
      case 'column':
        return `${base}/redshift/${n.warehouse.kind}/${n.warehouse.id}/${enc(n.database)}/${enc(n.schema)}/${enc(n.table)}/${enc(n.column.name)}`;
    }
  }

  hasChildren(n: ClustersNode): boolean {
    return !['emrDetail', 'emrStepLog', 'column'].includes(n.kind);
  }

  emptyText(parent: ClustersNode | undefined): string {
    switch (parent?.kind) {
      case undefined:
        return 'No AWS profile chosen';
      case 'emr':
        return 'No active EMR clusters';
      case 'emrTerminated':
        return 'No terminated clusters';
      case 'emrSteps':
        return 'No steps';
      case 'redshift':
        return 'No Redshift clusters or Serverless workgroups';
      case 'warehouse':
        return 'No databases';
      case 'database':
        return 'No schemas';
      case 'schema':
        return 'No tables or views';
      default:
        return 'Nothing here';
    }
  }

  async children(parent: ClustersNode | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<ClustersNode>> {
    const filter = parent ? this.filters.get(this.key(parent)) : undefined;
    const page = await this.listChildren(parent, cursor, signal, filter);
    if (!filter || parent?.kind === 'schema') return page;
    const needle = filter.toLowerCase();
    return {
      items: page.items.filter((n) => nodeName(n).toLowerCase().includes(needle) || n.kind === 'emrTerminated' || n.kind === 'emrSteps'),
      next: page.next,
    };
  }

  private async listChildren(
    parent: ClustersNode | undefined,
    cursor: string | undefined,
    signal: AbortSignal,
    filter: string | undefined,
  ): Promise<ChildPage<ClustersNode>> {
    if (!parent) return { items: this.targets.map((target, t) => ({ kind: 'target', t, label: targetLabel(target) })) };
    const t = parent.t;
    const c = this.clients[t];
    switch (parent.kind) {
      case 'target':
        return {
          items: [
            { kind: 'emr', t },
            { kind: 'redshift', t },
          ],
        };
      case 'emr': {
        const page = await this.root(t, () => c.emr.listClusters('active', cursor, signal));
        const items: ClustersNode[] = page.items.map((cluster) => ({ kind: 'emrCluster', t, cluster }));
        // Terminated clusters are listed on demand, under their own node after the active ones.
        if (!page.next) items.push({ kind: 'emrTerminated', t });
        return { items, next: page.next };
      }
      case 'emrTerminated': {
        const page = await c.emr.listClusters('terminated', cursor, signal);
        return { items: page.items.map((cluster) => ({ kind: 'emrCluster', t, cluster })), next: page.next };
      }
      case 'emrCluster': {
        const d = await c.emr.describeCluster(parent.cluster.id, signal);
        const detail = (name: string, label: string, description: string): ClustersNode => ({
          kind: 'emrDetail',
          t,
          clusterId: d.id,
          name,
          label,
          description,
        });
        const items: ClustersNode[] = [
          detail('release', 'Release', d.releaseLabel ?? ''),
          detail('applications', 'Applications', d.applications.map((a) => (a.version ? `${a.name} ${a.version}` : a.name)).join(', ')),
          ...d.capacity.map((g, i) =>
            detail(
              `capacity-${i}`,
              `${g.role} ${d.collection === 'fleets' ? 'fleet' : 'group'}`,
              `${g.instanceTypes.join(', ')} × ${g.requested}${g.running !== g.requested ? ` (${g.running} running)` : ''}${g.market && g.market !== 'ON_DEMAND' ? ` ${g.market.toLowerCase()}` : ''}`,
            ),
          ),
        ];
        if (d.masterDns) items.push(detail('master', 'Master DNS', d.masterDns));
        if (d.logUri) items.push(detail('logs', 'Log URI', d.logUri));
        items.push({ kind: 'emrSteps', t, clusterId: d.id });
        return { items };
      }
      case 'emrSteps': {
        const page = await c.emr.listSteps(parent.clusterId, cursor, signal);
        return { items: page.items.map((step) => ({ kind: 'emrStep', t, clusterId: parent.clusterId, step })), next: page.next };
      }
      case 'emrStep':
        // Static: opening one fetches it (and says so when it is not uploaded yet).
        return {
          items: STEP_LOG_KINDS.filter((k) => k !== 'syslog').map((log) => ({
            kind: 'emrStepLog',
            t,
            clusterId: parent.clusterId,
            stepId: parent.step.id,
            log,
          })),
        };
      case 'redshift': {
        // Provisioned clusters page by page; once they are all in, Serverless workgroups follow in
        // the same listing (one call per service and page).
        const items: ClustersNode[] = [];
        let token = cursor?.startsWith(SERVERLESS_CURSOR) ? cursor.slice(SERVERLESS_CURSOR.length) || undefined : undefined;
        if (!cursor?.startsWith(SERVERLESS_CURSOR)) {
          const page = await this.root(t, () => c.redshift.listClusters(cursor, signal));
          items.push(...page.items.map((warehouse): ClustersNode => ({ kind: 'warehouse', t, warehouse })));
          if (page.next) return { items, next: page.next };
          token = undefined;
        }
        const page = await c.redshift.listWorkgroups(token, signal);
        items.push(...page.items.map((warehouse): ClustersNode => ({ kind: 'warehouse', t, warehouse })));
        return { items, next: page.next ? SERVERLESS_CURSOR + page.next : undefined };
      }
      case 'warehouse': {
        const page = await c.metadata.listDatabases(this.dataApiTarget(parent.warehouse), cursor, signal);
        return { items: page.items.map((database) => ({ kind: 'database', t, warehouse: parent.warehouse, database })), next: page.next };
      }
      case 'database': {
        const page = await c.metadata.listSchemas(this.dataApiTarget(parent.warehouse, parent.database), parent.database, cursor, signal);
        return {
          items: page.items.map((schema) => ({ kind: 'schema', t, warehouse: parent.warehouse, database: parent.database, schema })),
          next: page.next,
        };
      }
      case 'schema': {
        const pattern = filter ? `%${likeLiteral(filter)}%` : undefined;
        const page = await c.metadata.listTables(
          this.dataApiTarget(parent.warehouse, parent.database),
          parent.database,
          parent.schema,
          cursor,
          signal,
          pattern,
        );
        return {
          items: page.items.map((table) => ({ kind: 'table', t, warehouse: parent.warehouse, database: parent.database, table })),
          next: page.next,
        };
      }
      case 'table': {
        const cols = await c.metadata.describeTable(
          this.dataApiTarget(parent.warehouse, parent.database),
          parent.database,
          parent.table.schema,
          parent.table.name,
          signal,
        );
        return {
          items: cols.map((column) => ({
            kind: 'column',
            t,
            warehouse: parent.warehouse,
            database: parent.database,
            schema: parent.table.schema,
            table: parent.table.name,
            column,
          })),
        };
      }
      default:
        return { items: [] };
    }
  }

  /** Runs a target's first-level listing and records its failure kind for the welcome views. */
  private async root<T>(t: number, list: () => Promise<T>): Promise<T> {
    try {
      const out = await list();
      this.rootErrors.delete(t);
      return out;
    } catch (e) {
      const kind = (e as { kind?: ExplorerErrorKind }).kind;
      if (kind && kind !== 'cancelled') this.rootErrors.set(t, kind);
      throw e;
    }
  }

  dispose(): void {
    for (const c of this.clients) {
      c.emr.dispose();
      c.redshift.dispose();
      c.metadata.dispose();
    }
  }
}

/** Whether a node is in a state it leaves by itself (a starting cluster, a running step). */
export function isChanging(n: ClustersNode): boolean {
  if (n.kind === 'emrCluster') return CHANGING_CLUSTER_STATES.includes(n.cluster.state);
  if (n.kind === 'emrStep') return CHANGING_STEP_STATES.includes(n.step.state);
  if (n.kind === 'warehouse') return isWarehouseChanging(n.warehouse);
  return false;
}

function stateOf(n: ClustersNode): string | undefined {
  if (n.kind === 'emrCluster') return n.cluster.state;
  if (n.kind === 'emrStep') return n.step.state;
  if (n.kind === 'warehouse') return n.warehouse.status;
  return undefined;
}

/** A Poller that re-lists `parent`'s children (clusters, steps, warehouses) while any of them is
 * changing: back-off while nothing moves, quick again when something does, stops when all have
 * settled. The editor pauses it while the view is hidden and stops it on dispose. */
export function pollChildren(model: TreeModel<ClustersNode>, parent: ClustersNode, options: PollerOptions = {}): Poller {
  const parentKey = model.keyOf(parent);
  const states = async (): Promise<Map<string, string>> => {
    const entries = await model.children(parent);
    const out = new Map<string, string>();
    for (const e of entries) {
      if (e.kind !== 'item') continue;
      const state = stateOf(e.item);
      // Settled items count as settled; changing ones as their state.
      if (state !== undefined) out.set(e.key, isChanging(e.item) ? state : `settled:${state}`);
    }
    return out;
  };
  let before: Map<string, string> | undefined;
  return new Poller(async () => {
    before ??= await states();
    await model.reload(parentKey);
    const after = await states();
    const outcome = compareStates(
      before,
      after,
      [...after.values()].filter((s) => !s.startsWith('settled:')),
    );
    before = after;
    return outcome;
  }, options);
}

/** The name a node is filtered by. */
export function nodeName(n: ClustersNode): string {
  switch (n.kind) {
    case 'target':
      return n.label;
    case 'emrCluster':
      return `${n.cluster.name} ${n.cluster.id}`;
    case 'emrDetail':
      return `${n.label} ${n.description}`;
    case 'emrStep':
      return `${n.step.name} ${n.step.id}`;
    case 'emrStepLog':
      return n.log;
    case 'warehouse':
      return n.warehouse.id;
    case 'database':
      return n.database;
    case 'schema':
      return n.schema;
    case 'table':
      return n.table.name;
    case 'column':
      return n.column.name;
    default:
      return n.kind;
  }
}

/** Keys join names with `/`: escape it (and `%`) so names cannot collide. */
function enc(name: string): string {
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}
