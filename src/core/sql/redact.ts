// Removes secrets from SQL before it is logged: Redshift COPY/UNLOAD credentials and
// `PASSWORD '…'` in CREATE/ALTER USER. The string after such a keyword becomes '***'.
const SECRET_BEFORE_STRING = /\b(credentials|access_key_id|secret_access_key|session_token|password|master_symmetric_key)(\s+(?:as\s+)?)'(?:[^']|'')*'/gi;

export function redactSecrets(sql: string): string {
  return sql.replace(SECRET_BEFORE_STRING, (_m, keyword: string, gap: string) => `${keyword}${gap}'***'`);
}
