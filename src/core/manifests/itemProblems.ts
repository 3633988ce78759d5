// Manifest items that do not have the layout the SDKs write (a table of another kind, a key of the
// wrong type, attributes a script wrote by hand) are skipped, never guessed at; each skip is said
// once with the item it was, so a view that looks empty or all-pending can explain why.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** At most this many messages are kept per read (the count goes on). */
const MAX_MESSAGES = 20;
const PREVIEW_CHARS = 160;

export interface IgnoredItems {
  count: number;
  /** The first few, each naming the item. */
  messages: string[];
}

export function noIgnoredItems(): IgnoredItems {
  return { count: 0, messages: [] };
}

export function noteIgnored(ignored: IgnoredItems, message: string): void {
  ignored.count++;
  if (ignored.messages.length < MAX_MESSAGES) ignored.messages.push(message);
}

/** `a string (S)`, `a number (N)`, … for the attribute's DynamoDB type. */
export function attributeType(value: AttributeValue | undefined): string {
  const tag = value ? (Object.keys(value).find((k) => (value as unknown as Record<string, unknown>)[k] !== undefined) ?? '?') : 'missing';
  const names: Record<string, string> = {
    S: 'a string',
    N: 'a number',
    B: 'binary',
    BOOL: 'a boolean',
    NULL: 'null',
    M: 'a map',
    L: 'a list',
    SS: 'a string set',
    NS: 'a number set',
    BS: 'a binary set',
  };
  return names[tag] ? `${names[tag]} (${tag})` : tag;
}

/** A short, single-line, escaped rendering of a value for a message (control, bidi and zero-width
 * characters escaped; long values cut). */
export function preview(value: unknown): string {
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? value
        : (JSON.stringify(value, (_, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)) ?? String(value));
  } catch {
    text = String(value);
  }
  const cut = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} characters)` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The attribute names of an item, for "this item has …". */
export function attributeNames(record: Record<string, AttributeValue>): string {
  const names = Object.keys(record);
  return names.length
    ? names
        .slice(0, 8)
        .map((n) => preview(n))
        .join(', ') + (names.length > 8 ? `, … (${names.length} attributes)` : '')
    : 'no attributes';
}
