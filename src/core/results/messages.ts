// Checks a message from the Results webview before the host acts on it. The webview renders
// data from servers and files, so its messages are treated as untrusted input: wrong types,
// huge or negative numbers and unknown kinds are refused with a reason instead of reaching
// the session (where `count: 1e12` or `column: -1` would be trouble).
import type { WebviewMessage } from '../../../webviews/results/protocol';
import { EXPORT_FORMATS, type ExportFormat } from './export/source';

type Parsed = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

const MAX_INDEX = 2 ** 31;
const MAX_FILTER_CHARS = 10_000;

class Reader {
  constructor(private readonly raw: Record<string, unknown>) {}
  int(key: string, min = 0, max = MAX_INDEX): number {
    const v = this.raw[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(`${key} must be an integer from ${min} to ${max}`);
    return v;
  }
  str(key: string, max = 200): string {
    const v = this.raw[key];
    if (typeof v !== 'string' || v.length > max) throw new Error(`${key} must be a string of at most ${max} characters`);
    return v;
  }
  bool(key: string): boolean {
    const v = this.raw[key];
    if (typeof v !== 'boolean') throw new Error(`${key} must be true or false`);
    return v;
  }
}

export function parseWebviewMessage(raw: unknown): Parsed {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'a message must be an object' };
  const m = raw as Record<string, unknown>;
  const r = new Reader(m);
  try {
    switch (m.type) {
      case 'ready':
        return { ok: true, message: { type: 'ready' } };
      case 'getRows':
        return { ok: true, message: { type: 'getRows', runId: r.str('runId'), viewVersion: r.int('viewVersion'), requestId: r.int('requestId'), start: r.int('start'), count: r.int('count', 0, 100_000) } };
      case 'sort':
        return { ok: true, message: { type: 'sort', runId: r.str('runId'), column: r.int('column', 0, 100_000) } };
      case 'filter': {
        const message: WebviewMessage = { type: 'filter', runId: r.str('runId'), text: r.str('text', MAX_FILTER_CHARS) };
        if (m.column !== undefined && m.column !== null) message.column = r.int('column', 0, 100_000);
        return { ok: true, message };
      }
      case 'cancel':
        return { ok: true, message: { type: 'cancel', runId: r.str('runId') } };
      case 'acceptOffer':
        return { ok: true, message: { type: 'acceptOffer', runId: r.str('runId') } };
      case 'export': {
        const format = r.str('format', 20);
        if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new Error(`format must be one of ${EXPORT_FORMATS.join(', ')}`);
        return { ok: true, message: { type: 'export', runId: r.str('runId'), format: format as ExportFormat } };
      }
      case 'copy': {
        const message: WebviewMessage = {
          type: 'copy', runId: r.str('runId'), viewVersion: r.int('viewVersion'),
          rowStart: r.int('rowStart'), rowEnd: r.int('rowEnd'), colStart: r.int('colStart'), colEnd: r.int('colEnd'), includeHeader: r.bool('includeHeader'),
        };
        if (message.rowEnd < message.rowStart || message.colEnd < message.colStart) throw new Error('a copy range must not end before it starts');
        return { ok: true, message };
      }
      default:
        return { ok: false, reason: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 60)}` };
    }
  } catch (e) {
    return { ok: false, reason: `${String(m.type)}: ${(e as Error).message}` };
  }
}
