// "Preview with Athena": the LIMIT query for a Glue table, names quoted for Athena's SQL (double
// quotes, doubled inside) so a hostile catalog name cannot change the statement.

export function athenaIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}

export function athenaPreviewSql(database: string, table: string, limit = 100): string {
  return `SELECT * FROM ${athenaIdentifier(database)}.${athenaIdentifier(table)} LIMIT ${Math.max(1, Math.floor(limit))};`;
}
