// The base of the Catalog view's nodes: one subclass per resource level (one file each) maps a
// core CatalogNode to its TreeItem.
import type { CatalogNode } from '../../core/catalog/catalogTree';
import { ItemNode } from '../explorer/explorerNode';

export type CatalogNodeOf<K extends CatalogNode['kind']> = Extract<CatalogNode, { kind: K }>;

export abstract class CatalogItemNode<K extends CatalogNode['kind'] = CatalogNode['kind']> extends ItemNode<CatalogNode> {
  declare readonly item: CatalogNodeOf<K>;
}
