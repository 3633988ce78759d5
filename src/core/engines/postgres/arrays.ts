// Postgres array literals (`{1,2,NULL}`, `{{"a b","c\"d"},{e,NULL}}`, `[0:1]={x,y}`) → JSON text.
// Numbers keep the server's exact digits (JSON numbers are arbitrary precision), strings are
// JSON-escaped, NULL becomes null. Text that is not a well-formed literal is returned unchanged.

export type ArrayElementKind = 'number' | 'float' | 'boolean' | 'string';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function element(raw: string, quoted: boolean, kind: ArrayElementKind): string {
  if (!quoted && raw === 'NULL') return 'null';
  switch (kind) {
    case 'boolean':
      return raw === 't' ? 'true' : raw === 'f' ? 'false' : JSON.stringify(raw);
    case 'number':
    case 'float':
      // Postgres prints e.g. `1.5`, `-3`, `1e+20`; NaN/Infinity are not JSON numbers.
      return JSON_NUMBER.test(raw) ? raw : JSON.stringify(raw);
    default:
      return JSON.stringify(raw);
  }
}

export function arrayLiteralToJson(text: string, kind: ArrayElementKind): string {
  let i = 0;
  // Arrays with non-default bounds are prefixed by their dimensions: `[0:2]={...}`.
  if (text.charCodeAt(0) === 91 /* [ */) {
    const eq = text.indexOf('=');
    if (eq < 0) return text;
    i = eq + 1;
  }
  if (text[i] !== '{') return text;
  let out = '';
  let depth = 0;
  let needComma = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '{') {
      if (needComma) out += ',';
      out += '[';
      depth++;
      needComma = false;
      i++;
    } else if (c === '}') {
      out += ']';
      depth--;
      needComma = true;
      i++;
      if (depth === 0) break;
    } else if (c === ',') {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i];
        i++;
      }
      i++; // closing quote
      if (needComma) out += ',';
      out += element(value, true, kind);
      needComma = true;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '}') j++;
      if (needComma) out += ',';
      out += element(text.slice(i, j).trim(), false, kind);
      needComma = true;
      i = j;
    }
  }
  return depth === 0 ? out : text;
}
