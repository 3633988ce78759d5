// Invisible and reordering characters (controls, bidi, zero-width, separators, lone surrogates) made
// visible as `<U+XXXX>`: the one place that decides which characters may not reach a screen raw.

/**
 * Characters never shown raw: C0/C1 controls (newlines included), bidi and other invisible format
 * characters, line/paragraph separators, the BOM and lone surrogates.
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

/** The same set, for callers that escape it their own way (string literals in generated code). */
export const INVISIBLE_CHARS: RegExp = INVISIBLE;

export const hasInvisible = (s: string): boolean => HAS_INVISIBLE.test(s);

const codePoint = (c: string): string => `<U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}>`;

export interface VisibleOptions {
  /** Keep line breaks (LF, CRLF) and tabs as they are, for multi-line displays. */
  keepLayout?: boolean;
}

/** Text that shows every invisible or reordering character as `<U+XXXX>`; everything else unchanged. */
export function visibleText(s: string, options: VisibleOptions = {}): string {
  if (!HAS_INVISIBLE.test(s)) return s;
  if (!options.keepLayout) return s.replace(INVISIBLE, codePoint);
  return s.replace(INVISIBLE, (c: string, at: number) =>
    c === '\n' || c === '\t' || (c === '\r' && s[at + 1] === '\n') ? c : codePoint(c),
  );
}
