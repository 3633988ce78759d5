// Every notification whose text is built from data goes through notificationText: VS Code makes
// `[label](command:…)` in a notification a live link, so an error message from a server, a cluster
// name or a connection name from a repository must never reach showXxxMessage as it is.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const EDITOR = path.resolve(__dirname, '../../../src/editor');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
  );
}

/** The first argument of the call whose `(` is at `open`: up to the `,` or `)` at depth 0, outside strings. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(open + 1, i).trim();
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(open + 1, i).trim();
  }
  throw new Error('unterminated call');
}

test('notifications built from data quote it through notificationText', () => {
  const offenders: string[] = [];
  let calls = 0;
  for (const file of files(EDITOR)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/show(?:Error|Warning|Information)Message\(/g)) {
      calls++;
      const arg = firstArgument(text, m.index + m[0].length - 1);
      const constant = /^'[^']*'$/.test(arg) || (/^`[^`]*`$/.test(arg) && !arg.includes('${'));
      // A ternary of constant strings is constant too.
      const constants = arg
        .split(/\s*[?:]\s*/)
        .slice(1)
        .every((part) => /^'[^']*'$/.test(part));
      if (!constant && !(arg.includes('?') && constants) && !arg.startsWith('notificationText(')) {
        const line = text.slice(0, m.index).split('\n').length;
        offenders.push(`${path.relative(EDITOR, file)}:${line}: ${arg.slice(0, 80)}`);
      }
    }
  }
  assert.ok(calls > 50, `found only ${calls} notification calls: the scan is broken`);
  assert.deepEqual(offenders, []);
});
