// "Open the incremental query" under a SQL manifest: the project's incremental snippet with the
// manifest's names, in a new SQL editor.
import type * as vscode from 'vscode';
import { Commands } from '../commands';
import { ManifestNode, type ItemOf } from './manifestNode';

export class SqlQueryNode extends ManifestNode {
  declare readonly item: ItemOf<'sqlQuery'>;

  protected override command(): vscode.Command {
    return { command: Commands.manifestsOpenIncrementalQuery, title: 'Open the Incremental Query', arguments: [this] };
  }
}
