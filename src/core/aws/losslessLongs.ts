// The Redshift Data API sends BIGINT values as JSON numbers (`{"longValue":9007199254740993}`),
// and the SDK's JSON.parse rounds every integer beyond 2^53 to the nearest double: a silent
// wrong id in the grid and in exports. This middleware sees the raw response body before the
// SDK parses it and turns each such literal into `{"stringValue":"9007199254740993"}`, which is
// how the grid carries integers JS numbers cannot hold (see CellValue in engines/engine.ts).

/** Rewrites `"longValue": <integer beyond ±(2^53-1)>` into a `stringValue` with the same digits.
 * A JSON string cannot contain an unescaped `"`, so the pattern only matches real keys. */
export function rewriteUnsafeLongs(json: string): string {
  if (!json.includes('"longValue"')) return json;
  return json.replace(/"longValue"\s*:\s*(-?\d{16,})(?=\s*[,}])/g, (match, digits: string) =>
    Number.isSafeInteger(Number(digits)) ? match : `"stringValue":"${digits}"`,
  );
}

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: 'deserialize'; priority: 'low'; name: string }): void;
}

type Handler = (args: unknown) => Promise<{ response: { body?: unknown } }>;

/** Installs the rewrite on a client for the commands named (e.g. `GetStatementResultCommand`).
 * It runs inside the SDK's deserializer (priority low in the deserialize step), once per attempt. */
export function preserveUnsafeLongs(client: { middlewareStack: MiddlewareStackLike }, commands: readonly string[]): void {
  client.middlewareStack.add(
    (next: Handler, context: { commandName?: string }) => async (args: unknown) => {
      const out = await next(args);
      if (!context.commandName || !commands.includes(context.commandName)) return out;
      const body = out.response.body;
      if (!body || typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') return out;
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
      const text = Buffer.concat(chunks).toString('utf8');
      // The SDK's body collector takes a Uint8Array as the whole body.
      out.response.body = new Uint8Array(Buffer.from(rewriteUnsafeLongs(text), 'utf8'));
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'dataWorkbenchPreserveUnsafeLongs' },
  );
}
