// A refusal: the translator cannot produce code that means the same as the SQL.

export interface Pos {
  /** 0-based offset into the SQL text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export class TranslateError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

export function refuse(message: string, pos: Pos): never {
  throw new TranslateError(message, pos);
}
