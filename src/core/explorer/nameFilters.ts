// A tree's name filters, by the key of the node whose children they narrow (case-insensitive
// substring; empty clears). The tree source applies them where it lists that node's children.
export class NameFilters {
  private readonly byParent = new Map<string, string>();

  set(parentKey: string, text: string | undefined): void {
    if (text) this.byParent.set(parentKey, text);
    else this.byParent.delete(parentKey);
  }

  get(parentKey: string): string | undefined {
    return this.byParent.get(parentKey);
  }
}
