// Small shape checks for messages a webview sends: a webview is a page that could be made to send
// anything, so the host checks types and ranges before acting. A check returns the problem, or
// undefined when the value is fine.

export type Check = (value: unknown) => string | undefined;

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function string(maxLength = 100_000): Check {
  return (v) =>
    typeof v !== 'string' ? `expected a string, got ${show(v)}` : v.length > maxLength ? `longer than ${maxLength} characters` : undefined;
}

export function integer(min = 0, max = Number.MAX_SAFE_INTEGER): Check {
  return (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
      ? undefined
      : `expected an integer in ${min}..${max}, got ${show(v)}`;
}

export function boolean(): Check {
  return (v) => (typeof v === 'boolean' ? undefined : `expected true or false, got ${show(v)}`);
}

export function oneOf(values: readonly string[]): Check {
  return (v) => (typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.join(', ')}, got ${show(v)}`);
}

export function optional(check: Check): Check {
  return (v) => (v === undefined ? undefined : check(v));
}

/** An object with (at least) these fields; other fields are not read. */
export function object(fields: Record<string, Check>): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `expected an object, got ${show(v)}`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check((v as Record<string, unknown>)[key]);
      if (problem) return `${key}: ${problem}`;
    }
    return undefined;
  };
}
