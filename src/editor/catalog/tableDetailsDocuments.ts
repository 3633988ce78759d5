// Glue table details as read-only Markdown documents (scheme `dw-glue-table`): location, format,
// SerDe, parameters, partition projection, fetched with GetTable when the editor opens one.
import * as vscode from 'vscode';
import type { CatalogTreeSource } from '../../core/catalog/catalogTree';
import { catalogApi } from './view';

export const TABLE_DETAILS_SCHEME = 'dw-glue-table';

export function tableDetailsUri(database: string, table: string): vscode.Uri {
  return vscode.Uri.from({ scheme: TABLE_DETAILS_SCHEME, path: `/${database}/${table}.md` });
}

export class TableDetailsDocuments implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly source: () => Promise<CatalogTreeSource>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const m = /^\/([^/]+)\/([^/]+)\.md$/.exec(uri.path);
    if (!m) return `Not a Glue table address: ${uri.toString()}`;
    const [, database, table] = m;
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const glue = (await this.source()).glue;
      if (!glue) return 'The Glue Data Catalog is not shown (dataWorkbench.catalog.showGlue).';
      const { tableDetailsDocument } = await catalogApi();
      return tableDetailsDocument(await glue.getTable(database, table, controller.signal, true));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Glue table ${database}.${table}: ${message}`);
      return `Could not read Glue table ${database}.${table}:\n\n${message}\n`;
    }
  }
}
