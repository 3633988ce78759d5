// The SQL language features' entry point for the editor, bundled on its own (dist/engines/sqlLanguage.js)
// and loaded on first use, so the formatter and keyword lists cost activation nothing.
export { complete } from './completion';
export { sqlProblems } from './diagnostics';
export { DuckDbSyntaxChecker, duckdbProblems } from './duckdbSyntax';
export { formatSql } from './format';
export { definition, hover } from './hover';
export { foldingRanges, outline } from './outline';
export { signatureHelp } from './signature';
export { splitStatements, statementAt } from '../split';
