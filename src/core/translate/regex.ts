// Regular expressions: which POSIX patterns keep their meaning as Java (Spark rlike) patterns.
import { refuse, type Pos } from './errors';

/** POSIX (PostgreSQL/Redshift) patterns that mean the same in Java regular expressions; others are refused. */
export function checkedRegex(pattern: string, pos: Pos): string {
  if (/\[\[:|\[\[\.|\[\[=|\\[mMyYAZ]|\\[0-9]|\(\?/.test(pattern))
    refuse(`regular expression '${pattern}' uses syntax that differs between PostgreSQL and Java (Spark)`, pos);
  return pattern;
}

/** A bracket expression matching any one of `chars`, in syntax Java and PostgreSQL AREs read alike. */
export function charClass(chars: string): string {
  return `[${[...new Set(chars)].map((ch) => (/[\\\]\[^\-&]/.test(ch) ? `\\${ch}` : ch)).join('')}]`;
}

/**
 * Anchors a pattern to the whole string. `$` is not used: Java's `$` also matches before a final line
 * terminator, PostgreSQL's does not; with DOTALL `(?!.)` is the absolute end in both, and `(?s)` is also
 * PostgreSQL's default mode, so `.` matches a newline in both.
 */
export function wholeString(re: string): string {
  return `(?s)^(?:${re})(?!.)`;
}

/**
 * SQL-standard SIMILAR TO pattern (PostgreSQL/Redshift: `%`, `_`, `|`, `*`, `+`, `?`, `{m,n}`, groups,
 * bracket expressions, `\` escapes; everything else literal, the whole string must match) → a regular
 * expression that Java (Spark rlike) and PostgreSQL read alike. Anything else is refused.
 */
export function similarToRegex(pattern: string, pos: Pos): string {
  const bad = (why: string): never => refuse(`SIMILAR TO pattern '${pattern}': ${why}`, pos);
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) bad('ends with the escape character');
      out += /[A-Za-z0-9]/.test(next!) ? next : `\\${next}`;
      i++;
    } else if (ch === '(') {
      if (pattern[i + 1] === '?') bad("'(?' is not SIMILAR TO syntax");
      out += '(';
    } else if ('|)*+?'.includes(ch)) out += ch;
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d+)?)?\}/.exec(pattern.slice(i));
      if (!m || i === 0) bad('a brace that is not a {m}, {m,} or {m,n} repetition');
      out += m![0];
      i += m![0].length - 1;
    } else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) bad('unclosed bracket expression');
      const body = pattern.slice(i + 1, j);
      // Character classes, nested brackets, escapes and Java's && intersection read differently.
      if (/\[|\\|&&/.test(body)) bad('bracket expressions may hold only plain characters and ranges');
      out += `[${body.replace(/^(\^?)\]/, '$1\\]')}]`;
      i = j;
    } else out += /[.^$\]}]/.test(ch) ? `\\${ch}` : ch; // the remaining regex metacharacters are literal in SIMILAR TO
  }
  return wholeString(out);
}
