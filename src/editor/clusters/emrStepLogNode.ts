// A step's stdout, stderr or controller log: clicking opens it read-only (gunzipped from S3).
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class EmrStepLogNode extends ClustersItemNode<'emrStepLog'> {
  label(): string {
    return this.item.log;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('file-text');
    item.tooltip = `Open the ${this.item.log} log of step ${this.item.stepId}`;
    item.contextValue = ContextValues.emrStepLog;
    item.command = { command: Commands.clustersOpenStepLog, title: 'Open Step Log', arguments: [this] };
  }
}
