// Regular expressions: which POSIX patterns keep their meaning as Java (Spark rlike) patterns.
import { refuse, type Pos } from './errors';

/** POSIX (PostgreSQL/Redshift) patterns that mean the same in Java regular expressions; others are refused. */
export function checkedRegex(pattern: string, pos: Pos): string {
  if (/\[\[:|\[\[\.|\[\[=|\\[mMyYAZ]|\\[0-9]|\(\?/.test(pattern)) refuse(`regular expression '${pattern}' uses syntax that differs between PostgreSQL and Java (Spark)`, pos);
  return pattern;
}
