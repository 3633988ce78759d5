// Go encoding/json's verdict on rendered text, with its error texts: the runner unmarshals the
// rendered file into {Schema string; Data interface{}}, so strict JSON (no comments, no trailing
// commas) whose top level is an object and whose "schema" (any case) is a string.

export interface GoJsonError {
  message: string;
  offset: number;
}

/** strconv.Quote-style quoting of one character, as Go's scanner names it: 'x'. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c)
    .slice(1, -1)
    .replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
  return `'${q}'`;
}

const isWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** undefined when Go's json.Unmarshal into the runner's wrapper succeeds; otherwise Go's message. */
export function goJsonError(text: string): GoJsonError | undefined {
  let i = 0;
  const n = text.length;
  const fail = (context: string): GoJsonError => {
    if (i >= n) return { message: 'unexpected end of JSON input', offset: n };
    const c = String.fromCodePoint(text.codePointAt(i)!);
    return { message: `invalid character ${quoteChar(c)} ${context}`, offset: i };
  };
  const skipWs = (): void => {
    while (i < n && isWs(text[i])) i++;
  };

  // Returns an error or undefined; on success i is just after the value.
  const value = (): GoJsonError | undefined => {
    skipWs();
    if (i >= n) return fail('looking for beginning of value');
    const c = text[i];
    if (c === '{') {
      i++;
      skipWs();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') return fail('looking for beginning of object key string');
        const e = string();
        if (e) return e;
        skipWs();
        if (text[i] !== ':') return fail('after object key');
        i++;
        const v = value();
        if (v) return v;
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return undefined;
        }
        return fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      skipWs();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      for (;;) {
        const v = value();
        if (v) return v;
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return undefined;
        }
        return fail('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        i++;
        for (let k = 1; k < lit.length; k++, i++) {
          if (text[i] !== lit[k]) return fail(`in literal ${lit} (expecting ${quoteChar(lit[k])})`);
        }
        return undefined;
      }
    }
    return fail('looking for beginning of value');
  };

  const string = (): GoJsonError | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return fail('');
      const c = text[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        i++;
        if (i >= n) return fail('');
        const e = text[i];
        if ('"\\/bfnrt'.includes(e)) {
          i++;
          continue;
        }
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= n) return fail('');
            if (!/[0-9a-fA-F]/.test(text[i])) return fail('in \\u hexadecimal character escape');
          }
          continue;
        }
        return fail('in string escape code');
      }
      if (c.charCodeAt(0) < 0x20) return fail('in string literal');
      i++;
    }
  };

  const number = (): GoJsonError | undefined => {
    if (text[i] === '-') {
      i++;
      if (i >= n) return fail('');
      if (!(text[i] >= '0' && text[i] <= '9')) return fail('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < n && text[i] >= '0' && text[i] <= '9') i++;
    if (text[i] === '.') {
      i++;
      if (i >= n) return fail('');
      if (!(text[i] >= '0' && text[i] <= '9')) return fail('after decimal point in numeric literal');
      while (i < n && text[i] >= '0' && text[i] <= '9') i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n) return fail('');
      if (!(text[i] >= '0' && text[i] <= '9')) return fail('in exponent of numeric literal');
      while (i < n && text[i] >= '0' && text[i] <= '9') i++;
    }
    return undefined;
  };

  const err = value();
  if (err) {
    // Go reports "unexpected end of JSON input" for any truncation.
    return err.message.endsWith(' ') || err.message === 'unexpected end of JSON input'
      ? { message: 'unexpected end of JSON input', offset: n }
      : err;
  }
  skipWs();
  if (i < n) return fail('after top-level value');

  // Valid JSON: now the wrapper's shape, as Unmarshal into SelfDescribingRecord checks it.
  const parsed = JSON.parse(text) as unknown;
  const kind = (v: unknown): string =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
  if (parsed !== null && kind(parsed) !== 'object') {
    return { message: `json: cannot unmarshal ${kind(parsed)} into Go value of type main.SelfDescribingRecord`, offset: 0 };
  }
  if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed)) {
      if (k.toLowerCase() === 'schema' && v !== null && typeof v !== 'string') {
        return { message: `json: cannot unmarshal ${kind(v)} into Go struct field SelfDescribingRecord.Schema of type string`, offset: 0 };
      }
    }
  }
  return undefined;
}
