// What the Catalog view's editor glue needs from the core, in one module: the build makes it its
// own bundle (dist/engines/catalog.js), loaded when the view first lists, so the Glue SDK code it
// carries stays out of extension.js.
export { CatalogTreeSource, catalogNodeName } from './catalogTree';
export { catalogSourceFor } from './sources';
export { tableDetailsDocument } from './glue';
export { athenaCreateTableDdl, hiveIdentifier } from './athenaDdl';
export { athenaPreviewSql } from './athenaPreview';
export { qualifiedName } from '../clusters/redshift';
