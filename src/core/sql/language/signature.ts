// Signature help: inside `name(…|…)` the function's parameters, with the one at the cursor.
import type { SplitOptions } from '../split';
import { cursorContext } from './context';
import type { SqlDialect } from './dialect';
import { vocabulary, type FunctionSignature } from './vocabulary';

export interface SignatureResult {
  signatures: FunctionSignature[];
  activeParameter: number;
}

export async function signatureHelp(
  text: string,
  offset: number,
  dialect: SqlDialect,
  split?: SplitOptions,
): Promise<SignatureResult | undefined> {
  const ctx = cursorContext(text, offset, split);
  if (!ctx || ctx.inLiteral) return undefined;
  const { tokens } = ctx;
  let depth = 0;
  let commas = 0;
  for (let i = ctx.after - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind === 'rparen') depth++;
    else if (t.kind === 'lparen') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = tokens[i - 1];
      if (name?.kind !== 'word') return undefined;
      const signatures = (await vocabulary(dialect)).signatures.get(name.upper);
      if (!signatures) return undefined;
      return { signatures, activeParameter: commas };
    } else if (t.kind === 'comma' && depth === 0) commas++;
  }
  return undefined;
}
