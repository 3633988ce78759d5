// A Redshift provisioned cluster or Serverless workgroup; its databases load when expanded.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class WarehouseNode extends ClustersItemNode<'warehouse'> {
  label(): string {
    return this.item.warehouse.id;
  }

  protected describe(item: vscode.TreeItem): void {
    const w = this.item.warehouse;
    item.iconPath = new vscode.ThemeIcon(w.kind === 'serverless' ? 'cloud' : 'server');
    const size =
      w.kind === 'serverless'
        ? w.baseCapacity
          ? `${w.baseCapacity} RPU`
          : undefined
        : w.nodeType
          ? `${w.nodes ?? 1} × ${w.nodeType}`
          : undefined;
    item.description = [w.kind === 'serverless' ? 'Serverless' : 'provisioned', w.status, size].filter(Boolean).join(' · ');
    item.tooltip = [
      `${w.id} (${w.kind})`,
      `Status: ${w.status}`,
      ...(w.endpoint ? [`Endpoint: ${w.endpoint.address}:${w.endpoint.port}`] : []),
      ...(w.namespace ? [`Namespace: ${w.namespace}`] : []),
    ].join('\n');
    item.contextValue = ContextValues.redshiftWarehouse;
  }
}
