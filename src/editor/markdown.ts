// The one way the editor layer makes a MarkdownString (hovers, tooltips): never trusted, so no
// command link runs and no HTML renders, whatever the text holds. Data inside it is escaped by
// core/text/markdown (markdownText, markdownCode) before it gets here.
import * as vscode from 'vscode';

export function untrustedMarkdown(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
