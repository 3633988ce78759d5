// "Format statement" / "Format document" through sql-formatter in the file's dialect. Loaded on
// first use; a text the formatter cannot read is reported, never half-formatted.
import { formatterLanguage, type SqlDialect } from './dialect';

export interface FormatOptions {
  tabWidth?: number;
  useTabs?: boolean;
}

class FormatError extends Error {}

export async function formatSql(sql: string, dialect: SqlDialect, options: FormatOptions = {}): Promise<string> {
  const { format } = await import('sql-formatter');
  try {
    return format(sql, {
      language: formatterLanguage(dialect),
      tabWidth: options.tabWidth ?? 2,
      useTabs: options.useTabs ?? false,
      keywordCase: 'preserve',
      linesBetweenQueries: 1,
    });
  } catch (e) {
    throw new FormatError(`Cannot format this SQL: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
