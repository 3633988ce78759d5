// The event manifest's storage config (amazon_dynamodb_config), validated; a click shows it
// read-only with credentials masked.
import type * as vscode from 'vscode';
import { Commands } from '../commands';
import { ManifestNode, type ItemOf } from './manifestNode';

export class EventConfigNode extends ManifestNode {
  declare readonly item: ItemOf<'eventConfig'>;

  protected override command(): vscode.Command {
    return { command: Commands.manifestsOpenStorageConfig, title: 'Show Storage Config', arguments: [this] };
  }
}
