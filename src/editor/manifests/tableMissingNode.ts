// Shown under a run manifest whose DynamoDB table does not exist: a click offers to create it.
import type * as vscode from 'vscode';
import { Commands } from '../commands';
import { ManifestNode, type ItemOf } from './manifestNode';

export class TableMissingNode extends ManifestNode {
  declare readonly item: ItemOf<'tableMissing'>;

  protected override command(): vscode.Command {
    return { command: Commands.manifestsCreateTable, title: 'Create Manifest Table', arguments: [this] };
  }
}
