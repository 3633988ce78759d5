// Every `contextValue` a tree item of the explorers carries, in one place: package.json menus
// (`view/item/context`, inline actions) match them with `viewItem == …`.

export const ContextValues = {
  error: 'dataWorkbench.error',
  empty: 'dataWorkbench.empty',
  loadMore: 'dataWorkbench.loadMore',
} as const;
