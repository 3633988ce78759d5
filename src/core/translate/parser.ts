// Recursive-descent parser for the analytic SELECT subset of Redshift, Athena (Trino) and PostgreSQL.
// Anything outside the subset is refused at the exact token, never skipped.
import type {
  Body,
  Cte,
  Expr,
  Frame,
  FrameBound,
  FromItem,
  OrderItem,
  Query,
  Select,
  SelectItem,
  Statement,
  TableName,
  TypeName,
  WindowSpec,
} from './ast';
import { refuse, type Pos } from './errors';
import { cubeSets, expandGroupingSets, groupingSets, rollupSets, type GroupElement } from './grouping-sets';
import { tokenize, type Token } from './lexer';

const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'ON',
  'USING',
  'WINDOW',
  'AS',
  'AND',
  'OR',
  'NOT',
  'WITH',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'IS',
  'IN',
  'LIKE',
  'ILIKE',
  'BETWEEN',
  'OUTER',
  'NATURAL',
  'FETCH',
  'QUALIFY',
  'LATERAL',
  'INTO',
  'SIMILAR',
  'ASC',
  'DESC',
  'NULLS',
  'DISTINCT',
  'ALL',
  'BY',
  'OVER',
  'FILTER',
  'ROWS',
  'RANGE',
  'TABLESAMPLE',
  'PIVOT',
  'UNPIVOT',
]);

/**
 * Deepest nesting of parentheses, function calls, subqueries, NOT and signs the parser accepts. Deeper
 * input is refused at the token that opens one level too many: the parser would exhaust its stack, and the
 * generated Python would pass the interpreter's limit of 200 nested brackets.
 */
export const MAX_NESTING = 64;

const MULTIWORD_TYPES: Record<string, string[]> = {
  DOUBLE: ['PRECISION'],
  CHARACTER: ['VARYING'],
};

export function parseStatements(sql: string): Statement[] {
  const p = new Parser(tokenize(sql));
  const out: Statement[] = [];
  while (!p.atEof()) {
    if (p.accept(';')) continue;
    out.push(p.statement());
    if (!p.atEof() && !p.accept(';')) p.fail(`expected ';' or end of input, found ${p.describe()}`);
  }
  return out;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly t: Token[]) {}

  /**
   * Enters one level of nesting (the caller leaves it with `this.depth--`; a refusal ends the parse, so no
   * finally is needed), refused past MAX_NESTING at the token that opened it.
   */
  private enter(): void {
    if (this.depth >= MAX_NESTING) {
      const opener = this.t[Math.max(0, this.i - 1)];
      this.fail(
        `nesting deeper than ${MAX_NESTING} levels (parentheses, function calls, subqueries, NOT or signs) is not supported; flatten the expression or move parts into a CTE`,
        opener.pos,
      );
    }
    this.depth++;
  }

  // ---- token helpers ----
  peek(n = 0): Token {
    return this.t[Math.min(this.i + n, this.t.length - 1)];
  }
  atEof(): boolean {
    return this.peek().kind === 'eof';
  }
  next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.i++;
    return tok;
  }
  isKw(word: string, n = 0): boolean {
    const tok = this.peek(n);
    return tok.kind === 'ident' && tok.upper === word;
  }
  isOp(op: string, n = 0): boolean {
    const tok = this.peek(n);
    return tok.kind === 'op' && tok.text === op;
  }
  accept(opOrKw: string): boolean {
    if (this.isOp(opOrKw) || this.isKw(opOrKw)) {
      this.i++;
      return true;
    }
    return false;
  }
  expect(opOrKw: string): Token {
    if (this.isOp(opOrKw) || this.isKw(opOrKw)) return this.next();
    return this.fail(`expected ${opOrKw}, found ${this.describe()}`);
  }
  describe(tok = this.peek()): string {
    if (tok.kind === 'eof') return 'end of input';
    if (tok.kind === 'string') return `string '${tok.text}'`;
    return `'${tok.text}'`;
  }
  fail(msg: string, pos: Pos = this.peek().pos): never {
    return refuse(msg, pos);
  }

  ident(what = 'identifier'): string {
    const tok = this.peek();
    if (tok.kind === 'qident') {
      this.i++;
      return tok.text;
    }
    if (tok.kind === 'ident' && !RESERVED.has(tok.upper)) {
      this.i++;
      return tok.text.toLowerCase();
    }
    return this.fail(`expected ${what}, found ${this.describe()}`);
  }

  // ---- statements ----
  statement(): Statement {
    const start = this.peek();
    if (this.isKw('SELECT') || this.isKw('WITH') || this.isOp('(')) return { k: 'query', q: this.query(), pos: start.pos };
    if (this.accept('CREATE')) {
      if (this.accept('SCHEMA') || this.accept('DATABASE')) {
        if (this.accept('IF')) {
          this.expect('NOT');
          this.expect('EXISTS');
        }
        return { k: 'schema', name: this.ident('schema name'), pos: start.pos };
      }
      if (this.accept('TEMP') || this.accept('TEMPORARY')) {
        /* a temp table is still a table write */
      }
      this.expect('TABLE');
      if (this.accept('IF')) {
        this.expect('NOT');
        this.expect('EXISTS');
      }
      const table = this.tableName();
      if (this.isOp('(')) this.fail('CREATE TABLE with a column list is DDL, not a query; only CREATE TABLE … AS SELECT can be translated');
      // Redshift physical options carry no meaning for the result.
      for (;;) {
        if (this.accept('DISTSTYLE')) {
          this.next();
          continue;
        }
        if (this.accept('DISTKEY') || this.accept('SORTKEY')) {
          this.parenIdents();
          continue;
        }
        if ((this.isKw('COMPOUND') || this.isKw('INTERLEAVED')) && this.isKw('SORTKEY', 1)) {
          this.next();
          continue;
        }
        break;
      }
      this.expect('AS');
      return { k: 'ctas', table, q: this.query(), pos: start.pos };
    }
    if (this.accept('INSERT')) {
      this.expect('INTO');
      const table = this.tableName();
      let columns: string[] | undefined;
      if (this.isOp('(') && !(this.isKw('SELECT', 1) || this.isKw('WITH', 1))) columns = this.parenIdents();
      if (this.isKw('VALUES')) this.fail('INSERT … VALUES is not a query; only INSERT INTO … SELECT can be translated');
      return { k: 'insert', table, columns, q: this.query(), pos: start.pos };
    }
    if (this.accept('DROP')) {
      this.expect('TABLE');
      if (this.accept('IF')) this.expect('EXISTS');
      const table = this.tableName();
      this.accept('CASCADE');
      return { k: 'drop', table, pos: start.pos };
    }
    if (this.accept('DELETE')) {
      this.expect('FROM');
      const table = this.tableName();
      return { k: 'delete', table, where: this.accept('WHERE') ? this.expr() : undefined, pos: start.pos };
    }
    for (const w of ['BEGIN', 'COMMIT', 'END', 'START']) {
      if (this.accept(w)) {
        if (w === 'START') this.expect('TRANSACTION');
        else {
          this.accept('TRANSACTION');
          this.accept('WORK');
        }
        return { k: 'txn', word: w, pos: start.pos };
      }
    }
    return this.fail(
      `cannot translate a statement starting with ${this.describe()}: only SELECT, WITH, CREATE TABLE … AS, INSERT INTO … SELECT, DROP TABLE and DELETE are understood`,
    );
  }

  parenIdents(): string[] {
    this.expect('(');
    const out = [this.ident('column name')];
    while (this.accept(',')) out.push(this.ident('column name'));
    this.expect(')');
    return out;
  }

  tableName(): TableName {
    const pos = this.peek().pos;
    const first = this.ident('table name');
    if (this.accept('.')) {
      const second = this.ident('table name');
      if (this.accept('.')) return { schema: second, name: this.ident('table name'), pos }; // catalog.schema.table: keep schema.table
      return { schema: first, name: second, pos };
    }
    return { name: first, pos };
  }

  // ---- queries ----
  query(): Query {
    this.enter();
    const q = this.queryAt();
    this.depth--;
    return q;
  }

  private queryAt(): Query {
    const pos = this.peek().pos;
    const ctes: Cte[] = [];
    if (this.accept('WITH')) {
      if (this.isKw('RECURSIVE')) this.fail('WITH RECURSIVE has no DataFrame equivalent');
      do {
        const cpos = this.peek().pos;
        const name = this.ident('CTE name');
        const columns = this.isOp('(') ? this.parenIdents() : undefined;
        this.expect('AS');
        this.expect('(');
        const q = this.query();
        this.expect(')');
        ctes.push({ name, columns, q, pos: cpos });
      } while (this.accept(','));
    }
    const body = this.setBody();
    const q: Query = { ctes, body, orderBy: [], pos };
    if (this.isKw('ORDER')) {
      this.next();
      this.expect('BY');
      q.orderBy = this.orderList();
    }
    for (;;) {
      if (this.isKw('LIMIT')) {
        const lpos = this.next().pos;
        if (this.accept('ALL')) continue;
        q.limit = { n: this.intLit(), pos: lpos };
      } else if (this.isKw('OFFSET')) {
        const opos = this.next().pos;
        q.offset = { n: this.intLit(), pos: opos };
        if (!this.accept('ROWS')) this.accept('ROW');
      } else if (this.isKw('FETCH')) {
        const fpos = this.next().pos;
        if (!this.accept('FIRST')) this.expect('NEXT');
        const n = this.peek().kind === 'number' ? this.intLit() : 1;
        if (!this.accept('ROWS')) this.expect('ROW');
        this.expect('ONLY');
        q.limit = { n, pos: fpos };
      } else break;
    }
    const top = body.k === 'select' ? this.tops.get(body) : undefined;
    if (top) {
      if (q.limit || q.offset) refuse('TOP n together with LIMIT, OFFSET or FETCH is not supported', top.pos);
      q.limit = { n: top.n, pos: top.pos };
    }
    return q;
  }

  intLit(): number {
    const tok = this.peek();
    if (tok.kind !== 'number' || !/^[0-9]+$/.test(tok.text)) this.fail(`expected an integer, found ${this.describe()}`);
    // LIMIT, OFFSET, frame offsets and TOP are Ints in Spark.
    if (BigInt(tok.text) > 2147483647n)
      this.fail(`${tok.text.length > 24 ? `${tok.text.slice(0, 12)}…` : tok.text} is too large here: Spark takes at most 2147483647`);
    this.i++;
    return Number(tok.text);
  }

  setBody(): Body {
    let l = this.intersectBody();
    for (;;) {
      const tok = this.peek();
      const op = this.isKw('UNION') ? 'union' : this.isKw('EXCEPT') || this.isKw('MINUS') ? 'except' : null;
      if (!op) return l;
      this.next();
      const all = this.accept('ALL');
      if (!all) this.accept('DISTINCT');
      l = { k: 'setop', op, all, l, r: this.intersectBody(), pos: tok.pos };
      this.noTop(l.l);
      this.noTop(l.r);
    }
  }

  intersectBody(): Body {
    let l = this.primaryBody();
    while (this.isKw('INTERSECT')) {
      const pos = this.next().pos;
      const all = this.accept('ALL');
      if (!all) this.accept('DISTINCT');
      l = { k: 'setop', op: 'intersect', all, l, r: this.primaryBody(), pos };
      this.noTop(l.l);
      this.noTop(l.r);
    }
    return l;
  }

  primaryBody(): Body {
    const tok = this.peek();
    if (this.accept('(')) {
      const q = this.query();
      this.expect(')');
      return { k: 'paren', q, pos: tok.pos };
    }
    if (this.isKw('SELECT')) {
      const s = this.select();
      const g = this.pendingGrouping.get(s);
      if (g && this.tops.has(s))
        refuse('TOP n together with ROLLUP, CUBE or GROUPING SETS is not supported: use LIMIT', this.tops.get(s)!.pos);
      return g ? expandGroupingSets(s, g.sets, g.pos) : s;
    }
    return this.fail(`expected SELECT, found ${this.describe()}`);
  }

  /** TOP n of a SELECT, taken over as LIMIT by the query it is the body of. */
  private readonly tops = new Map<Select, { n: number; pos: Pos }>();

  private noTop(b: Body): void {
    const t = b.k === 'select' ? this.tops.get(b) : undefined;
    if (t) refuse('TOP n inside UNION/INTERSECT/EXCEPT is not supported: put the SELECT in parentheses or use LIMIT', t.pos);
  }

  /** ROLLUP/CUBE/GROUPING SETS of a SELECT, expanded once the whole SELECT is parsed. */
  private readonly pendingGrouping = new Map<Select, { sets: Expr[][]; pos: Pos }>();

  groupElement(): GroupElement {
    const tok = this.peek();
    const list = (): Expr[] => {
      this.expect('(');
      const out: Expr[] = [];
      if (this.accept(')')) return out;
      do out.push(this.expr());
      while (this.accept(','));
      this.expect(')');
      return out;
    };
    if ((this.isKw('ROLLUP') || this.isKw('CUBE')) && this.isOp('(', 1)) {
      this.next();
      const keys = list();
      return { k: 'sets', sets: tok.upper === 'ROLLUP' ? rollupSets(keys) : cubeSets(keys, tok.pos), pos: tok.pos };
    }
    if (this.isKw('GROUPING') && this.isKw('SETS', 1)) {
      this.next();
      this.next();
      this.expect('(');
      const sets: Expr[][] = [];
      do sets.push(this.isOp('(') ? list() : [this.expr()]);
      while (this.accept(','));
      this.expect(')');
      return { k: 'sets', sets, pos: tok.pos };
    }
    if (this.isOp('(') && this.isOp(')', 1)) {
      this.next();
      this.next();
      return { k: 'sets', sets: [[]], pos: tok.pos };
    }
    return { k: 'plain', e: this.expr() };
  }

  select(): Select {
    const pos = this.expect('SELECT').pos;
    let distinct = false;
    let distinctOn: Expr[] | undefined;
    if (this.isKw('DISTINCT')) {
      this.next();
      if (this.accept('ON')) {
        this.expect('(');
        distinctOn = [this.expr()];
        while (this.accept(',')) distinctOn.push(this.expr());
        this.expect(')');
      } else distinct = true;
    } else this.accept('ALL');
    // Redshift TOP n: LIMIT n of the query this SELECT is the body of (applied after its ORDER BY).
    let top: { n: number; pos: Pos } | undefined;
    if (this.isKw('TOP')) {
      const tpos = this.next().pos;
      top = { n: this.intLit(), pos: tpos };
      if (this.isKw('DISTINCT')) {
        this.next();
        distinct = true;
      }
    }
    const items: SelectItem[] = [];
    do items.push(this.selectItem());
    while (this.accept(','));
    if (this.isKw('INTO')) this.fail('SELECT … INTO is not supported: use CREATE TABLE … AS');
    const s: Select = { k: 'select', distinct, distinctOn, items, groupBy: [], windows: new Map(), pos };
    let grouping: { sets: Expr[][]; pos: Pos } | undefined;
    if (this.accept('FROM')) s.from = this.fromList();
    if (this.accept('WHERE')) s.where = this.expr();
    if (this.isKw('GROUP')) {
      this.next();
      this.expect('BY');
      const elements: GroupElement[] = [];
      do elements.push(this.groupElement());
      while (this.accept(','));
      const sets = groupingSets(elements);
      if (sets) grouping = { sets, pos: (elements.find((x) => x.k === 'sets') as { pos: Pos }).pos };
      else s.groupBy = elements.map((x) => (x as { e: Expr }).e);
    }
    if (this.accept('HAVING')) s.having = this.expr();
    if (this.isKw('QUALIFY')) this.fail('QUALIFY is not supported: filter the window result in an outer query');
    if (this.accept('WINDOW')) {
      do {
        const name = this.ident('window name');
        this.expect('AS');
        this.expect('(');
        s.windows.set(name, this.windowBody(this.peek().pos));
        this.expect(')');
      } while (this.accept(','));
    }
    if (grouping) this.pendingGrouping.set(s, grouping);
    if (top) this.tops.set(s, top);
    return s;
  }

  selectItem(): SelectItem {
    const pos = this.peek().pos;
    const e = this.expr();
    let alias: string | undefined;
    if (this.accept('AS')) alias = this.peek().kind === 'string' ? this.next().text : this.ident('alias');
    else if (this.peek().kind === 'qident' || (this.peek().kind === 'ident' && !RESERVED.has(this.peek().upper))) alias = this.ident();
    return { e, alias, pos };
  }

  fromList(): FromItem {
    let l = this.joined();
    while (this.isOp(',')) {
      const pos = this.next().pos;
      l = { k: 'join', kind: 'cross', l, r: this.joined(), pos };
    }
    return l;
  }

  joined(): FromItem {
    let l = this.fromPrimary();
    for (;;) {
      const pos = this.peek().pos;
      if (this.isKw('NATURAL')) this.fail('NATURAL JOIN is not supported: name the join columns with USING (…)');
      let kind: 'inner' | 'left' | 'right' | 'full' | 'cross' | null = null;
      if (this.accept('JOIN')) kind = 'inner';
      else if (this.isKw('INNER')) {
        this.next();
        this.expect('JOIN');
        kind = 'inner';
      } else if (this.isKw('CROSS')) {
        this.next();
        this.expect('JOIN');
        kind = 'cross';
      } else if (this.isKw('LEFT') || this.isKw('RIGHT') || this.isKw('FULL')) {
        kind = this.next().upper.toLowerCase() as 'left' | 'right' | 'full';
        this.accept('OUTER');
        this.expect('JOIN');
      }
      if (!kind) return l;
      const r = this.fromPrimary();
      if (kind === 'cross') {
        l = { k: 'join', kind, l, r, pos };
        continue;
      }
      if (this.accept('ON')) l = { k: 'join', kind, l, r, on: this.expr(), pos };
      else if (this.accept('USING')) l = { k: 'join', kind, l, r, using: this.parenIdents(), pos };
      else this.fail(`expected ON or USING after the joined table, found ${this.describe()}`);
    }
  }

  fromPrimary(): FromItem {
    const pos = this.peek().pos;
    if (this.isKw('LATERAL')) {
      this.next();
      if (!(this.isOp('(') && (this.isKw('SELECT', 1) || this.isKw('WITH', 1))))
        this.fail('LATERAL is supported only before a subquery: LATERAL (SELECT …) alias');
      const sub = this.fromPrimary();
      if (sub.k !== 'sub') this.fail('LATERAL is supported only before a subquery: LATERAL (SELECT …) alias', pos);
      return { ...sub, lateral: true, pos };
    }
    if (this.isKw('UNNEST')) this.fail('UNNEST is not supported');
    if (this.isOp('(')) {
      if (this.isKw('SELECT', 1) || this.isKw('WITH', 1) || this.isOp('(', 1)) {
        this.next();
        const q = this.query();
        this.expect(')');
        const alias = this.alias();
        if (!alias) this.fail('a subquery in FROM needs an alias', pos);
        if (this.isOp('(')) this.fail('column aliases on a derived table are not supported');
        return { k: 'sub', q, alias, pos };
      }
      this.next();
      const inner = this.fromList();
      this.expect(')');
      return inner;
    }
    const t = this.tableName();
    if (this.isOp('(')) this.fail(`table functions are not supported: ${t.name}(…)`);
    const alias = this.alias();
    if (this.isOp('(')) this.fail('column aliases on a table are not supported');
    return { k: 'table', schema: t.schema, name: t.name, alias, pos };
  }

  alias(): string | undefined {
    if (this.accept('AS')) return this.ident('alias');
    const tok = this.peek();
    if (tok.kind === 'qident' || (tok.kind === 'ident' && !RESERVED.has(tok.upper))) return this.ident();
    return undefined;
  }

  orderList(): OrderItem[] {
    const out: OrderItem[] = [];
    do {
      const pos = this.peek().pos;
      const e = this.expr();
      let desc = false;
      if (this.accept('DESC')) desc = true;
      else this.accept('ASC');
      if (this.isKw('USING')) this.fail('ORDER BY … USING is not supported');
      let nulls: 'first' | 'last' | undefined;
      if (this.accept('NULLS')) {
        if (this.accept('FIRST')) nulls = 'first';
        else {
          this.expect('LAST');
          nulls = 'last';
        }
      }
      out.push({ e, desc, nulls, pos });
    } while (this.accept(','));
    return out;
  }

  windowBody(pos: Pos): WindowSpec {
    const w: WindowSpec = { partition: [], order: [], pos };
    const tok = this.peek();
    if ((tok.kind === 'ident' && !RESERVED.has(tok.upper) && !['PARTITION', 'GROUPS'].includes(tok.upper)) || tok.kind === 'qident')
      w.ref = this.ident();
    if (this.isKw('PARTITION')) {
      this.next();
      this.expect('BY');
      do w.partition.push(this.expr());
      while (this.accept(','));
    }
    if (this.isKw('ORDER')) {
      this.next();
      this.expect('BY');
      w.order = this.orderList();
    }
    if (this.isKw('ROWS') || this.isKw('RANGE') || this.isKw('GROUPS')) {
      const fpos = this.peek().pos;
      const unitTok = this.next();
      if (unitTok.upper === 'GROUPS') this.fail('GROUPS frames are not supported', unitTok.pos);
      const unit = unitTok.upper === 'ROWS' ? 'rows' : 'range';
      let frame: Frame;
      if (this.accept('BETWEEN')) {
        const start = this.bound();
        this.expect('AND');
        frame = { unit, start, end: this.bound(), pos: fpos };
      } else frame = { unit, start: this.bound(), end: { kind: 'current', pos: fpos }, pos: fpos };
      if (this.isKw('EXCLUDE')) this.fail('frame EXCLUDE is not supported');
      w.frame = frame;
    }
    return w;
  }

  bound(): FrameBound {
    const pos = this.peek().pos;
    if (this.accept('UNBOUNDED')) {
      if (this.accept('PRECEDING')) return { kind: 'unboundedPreceding', pos };
      this.expect('FOLLOWING');
      return { kind: 'unboundedFollowing', pos };
    }
    if (this.accept('CURRENT')) {
      this.expect('ROW');
      return { kind: 'current', pos };
    }
    if (this.peek().kind !== 'number') this.fail(`frame offsets must be integer literals, found ${this.describe()}`);
    const n = this.intLit();
    if (this.accept('PRECEDING')) return { kind: 'preceding', n, pos };
    this.expect('FOLLOWING');
    return { kind: 'following', n, pos };
  }

  // ---- expressions ----
  expr(): Expr {
    this.enter();
    const e = this.orExpr();
    this.depth--;
    return e;
  }

  orExpr(): Expr {
    let l = this.andExpr();
    while (this.isKw('OR')) {
      const pos = this.next().pos;
      l = { k: 'bin', op: 'OR', l, r: this.andExpr(), pos };
    }
    return l;
  }

  andExpr(): Expr {
    let l = this.notExpr();
    while (this.isKw('AND')) {
      const pos = this.next().pos;
      l = { k: 'bin', op: 'AND', l, r: this.notExpr(), pos };
    }
    return l;
  }

  notExpr(): Expr {
    if (this.isKw('NOT')) {
      const pos = this.next().pos;
      this.enter();
      const e = this.notExpr();
      this.depth--;
      return { k: 'unary', op: 'NOT', e, pos };
    }
    return this.predicate();
  }

  predicate(): Expr {
    const l = this.concatExpr();
    const tok = this.peek();
    if (tok.kind === 'op' && ['~', '~*', '!~', '!~*'].includes(tok.text)) {
      this.next();
      const pattern = this.concatExpr();
      return { k: 'regex', e: l, pattern, not: tok.text.startsWith('!'), ci: tok.text.endsWith('*'), pos: tok.pos };
    }
    if (tok.kind === 'op' && ['=', '==', '<>', '!=', '<', '>', '<=', '>='].includes(tok.text)) {
      this.next();
      if (this.isKw('ANY') || this.isKw('ALL') || this.isKw('SOME'))
        this.fail(`${this.peek().upper} (subquery) comparisons are not supported`);
      const op = tok.text === '==' ? '=' : tok.text === '!=' ? '<>' : tok.text;
      const r = this.concatExpr();
      return this.predicateTail({ k: 'bin', op, l, r, pos: tok.pos });
    }
    return this.predicateTail(l);
  }

  predicateTail(l: Expr): Expr {
    const pos = this.peek().pos;
    if (this.accept('IS')) {
      const not = this.accept('NOT');
      if (this.accept('NULL')) return { k: 'isnull', e: l, not, pos };
      if (this.accept('TRUE')) return { k: 'isbool', e: l, value: true, not, pos };
      if (this.accept('FALSE')) return { k: 'isbool', e: l, value: false, not, pos };
      if (this.isKw('DISTINCT')) {
        this.next();
        this.expect('FROM');
        const r = this.concatExpr();
        return { k: 'bin', op: not ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', l, r, pos };
      }
      return this.fail(`expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found ${this.describe()}`);
    }
    if (this.accept('ISNULL')) return { k: 'isnull', e: l, not: false, pos };
    if (this.accept('NOTNULL')) return { k: 'isnull', e: l, not: true, pos };
    const not =
      this.isKw('NOT') &&
      (this.isKw('IN', 1) || this.isKw('LIKE', 1) || this.isKw('ILIKE', 1) || this.isKw('BETWEEN', 1) || this.isKw('SIMILAR', 1));
    if (not) this.next();
    if (this.accept('BETWEEN')) {
      if (this.isKw('SYMMETRIC')) this.fail('BETWEEN SYMMETRIC is not supported');
      const lo = this.concatExpr();
      this.expect('AND');
      return { k: 'between', e: l, lo, hi: this.concatExpr(), not, pos };
    }
    if (this.accept('IN')) {
      this.expect('(');
      if (this.isKw('SELECT') || this.isKw('WITH')) {
        const q = this.query();
        this.expect(')');
        return { k: 'insub', e: l, q, not, pos };
      }
      const list = [this.expr()];
      while (this.accept(',')) list.push(this.expr());
      this.expect(')');
      return { k: 'inlist', e: l, list, not, pos };
    }
    if (this.isKw('LIKE') || this.isKw('ILIKE') || this.isKw('SIMILAR')) {
      const w = this.next().upper;
      if (w === 'SIMILAR') this.expect('TO');
      const pattern = this.concatExpr();
      let escape: string | undefined;
      if (this.accept('ESCAPE')) {
        const tok = this.peek();
        if (tok.kind !== 'string' || tok.text.length > 1) this.fail('ESCAPE needs a single-character string literal');
        escape = this.next().text;
      }
      return { k: 'like', e: l, pattern, not, ci: w === 'ILIKE', similar: w === 'SIMILAR', escape, pos };
    }
    if (not) this.fail('expected IN, LIKE, ILIKE, SIMILAR TO or BETWEEN after NOT');
    return l;
  }

  concatExpr(): Expr {
    let l = this.addExpr();
    while (this.isOp('||')) {
      const pos = this.next().pos;
      l = { k: 'bin', op: '||', l, r: this.addExpr(), pos };
    }
    return l;
  }

  addExpr(): Expr {
    let l = this.mulExpr();
    while (this.isOp('+') || this.isOp('-')) {
      const tok = this.next();
      l = { k: 'bin', op: tok.text, l, r: this.mulExpr(), pos: tok.pos };
    }
    return l;
  }

  mulExpr(): Expr {
    let l = this.unaryExpr();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const tok = this.next();
      l = { k: 'bin', op: tok.text, l, r: this.unaryExpr(), pos: tok.pos };
    }
    return l;
  }

  unaryExpr(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const tok = this.next();
      this.enter();
      const e = this.unaryExpr();
      this.depth--;
      if (tok.text === '-' && e.k === 'num' && !e.text.startsWith('-')) return { k: 'num', text: '-' + e.text, pos: tok.pos };
      return { k: 'unary', op: tok.text as '-' | '+', e, pos: tok.pos };
    }
    return this.postfix();
  }

  postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isOp('::')) {
        const pos = this.next().pos;
        e = { k: 'cast', e, type: this.typeName(), pos };
      } else if (this.isOp('[')) {
        this.fail('array subscripts are not supported');
      } else if (this.isKw('AT') && this.isKw('TIME', 1)) {
        this.fail('AT TIME ZONE is not supported: Spark timestamps have no per-value time zone');
      } else return e;
    }
  }

  typeName(): TypeName {
    const pos = this.peek().pos;
    const tok = this.peek();
    if (tok.kind !== 'ident') this.fail(`expected a type name, found ${this.describe()}`);
    this.next();
    let name = tok.upper;
    const more = MULTIWORD_TYPES[name];
    if (more && this.isKw(more[0])) {
      this.next();
      name += ' ' + more[0];
    }
    const args: number[] = [];
    if (this.accept('(')) {
      do args.push(this.intLit());
      while (this.accept(','));
      this.expect(')');
    }
    if ((name === 'TIMESTAMP' || name === 'TIME') && (this.isKw('WITH') || this.isKw('WITHOUT'))) {
      const withTz = this.next().upper === 'WITH';
      this.expect('TIME');
      this.expect('ZONE');
      if (withTz) name += 'TZ';
    }
    if (this.isOp('[')) this.fail('array types are not supported');
    return { name: name.toLowerCase(), args, pos };
  }

  primary(): Expr {
    const tok = this.peek();
    const pos = tok.pos;
    if (tok.kind === 'number') {
      this.next();
      return { k: 'num', text: tok.text, pos };
    }
    if (tok.kind === 'string') {
      this.next();
      return { k: 'str', value: tok.text, pos };
    }
    if (tok.kind === 'op') {
      if (tok.text === '*') {
        this.next();
        return { k: 'star', pos };
      }
      if (tok.text === '(') {
        this.next();
        if (this.isKw('SELECT') || this.isKw('WITH')) {
          const q = this.query();
          this.expect(')');
          return { k: 'subq', q, pos };
        }
        const e = this.expr();
        if (this.isOp(',')) this.fail('row constructors are not supported');
        this.expect(')');
        return e;
      }
      return this.fail(`unexpected ${this.describe()}`);
    }
    if (tok.kind === 'qident') return this.columnRef();
    if (tok.kind !== 'ident') return this.fail(`unexpected ${this.describe()}`);
    switch (tok.upper) {
      case 'NULL':
        this.next();
        return { k: 'null', pos };
      case 'TRUE':
        this.next();
        return { k: 'bool', value: true, pos };
      case 'FALSE':
        this.next();
        return { k: 'bool', value: false, pos };
      case 'CASE':
        return this.caseExpr();
      case 'EXISTS': {
        this.next();
        this.expect('(');
        const q = this.query();
        this.expect(')');
        return { k: 'exists', q, not: false, pos };
      }
      case 'CAST':
      case 'TRY_CAST': {
        if (!this.isOp('(', 1)) break;
        if (tok.upper === 'TRY_CAST')
          this.fail(
            "TRY_CAST is not supported: Spark's cast turns different inputs into NULL than Trino's failing cast (e.g. '12.5' AS integer is 12 in Spark, a failure in Trino; doubles to integers truncate in Spark, round in Trino)",
          );
        this.next();
        this.expect('(');
        const e = this.expr();
        this.expect('AS');
        const type = this.typeName();
        this.expect(')');
        return { k: 'cast', e, type, pos };
      }
      case 'EXTRACT': {
        if (!this.isOp('(', 1)) break;
        this.next();
        this.expect('(');
        const f = this.peek();
        if (f.kind !== 'ident' && f.kind !== 'string') this.fail(`expected a date part, found ${this.describe()}`);
        this.next();
        this.expect('FROM');
        const e = this.expr();
        this.expect(')');
        return { k: 'extract', field: f.kind === 'string' ? f.text.toUpperCase() : f.upper, e, pos };
      }
      case 'INTERVAL': {
        this.next();
        const v = this.peek();
        if (v.kind !== 'string') this.fail(`expected a quoted interval such as INTERVAL '30 minutes', found ${this.describe()}`);
        this.next();
        const u = this.peek();
        if (u.kind === 'ident' && /^(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)S?$/.test(u.upper)) {
          this.next();
          if (this.isKw('TO')) this.fail('interval ranges (… TO …) are not supported');
          return { k: 'interval', value: v.text, unit: u.upper, pos };
        }
        return { k: 'interval', value: v.text, pos };
      }
      case 'DATE':
      case 'TIMESTAMP': {
        if (this.peek(1).kind === 'string') {
          this.next();
          return { k: 'typedlit', type: tok.upper.toLowerCase() as 'date' | 'timestamp', value: this.next().text, pos };
        }
        break;
      }
      case 'TRIM': {
        if (!this.isOp('(', 1)) break;
        this.next();
        this.expect('(');
        let side = 'BOTH';
        if (this.isKw('BOTH') || this.isKw('LEADING') || this.isKw('TRAILING')) side = this.next().upper;
        let chars: Expr | undefined;
        let e: Expr;
        if (this.accept('FROM')) e = this.expr();
        else {
          const first = this.expr();
          if (this.accept('FROM')) {
            chars = first;
            e = this.expr();
          } else e = first;
        }
        this.expect(')');
        const name = side === 'LEADING' ? 'LTRIM' : side === 'TRAILING' ? 'RTRIM' : 'BTRIM';
        return { k: 'func', name, args: chars ? [e, chars] : [e], distinct: false, star: false, pos };
      }
      case 'POSITION': {
        if (!this.isOp('(', 1)) break;
        this.next();
        this.expect('(');
        const needle = this.concatExpr();
        this.expect('IN');
        const hay = this.expr();
        this.expect(')');
        return { k: 'func', name: 'STRPOS', args: [hay, needle], distinct: false, star: false, pos };
      }
      case 'SUBSTRING': {
        if (!this.isOp('(', 1)) break;
        this.next();
        this.expect('(');
        const e = this.expr();
        const args = [e];
        if (this.accept('FROM')) {
          args.push(this.expr());
          if (this.accept('FOR')) args.push(this.expr());
        } else {
          while (this.accept(',')) args.push(this.expr());
        }
        this.expect(')');
        return this.funcTail({ k: 'func', name: 'SUBSTRING', args, distinct: false, star: false, pos });
      }
      case 'CURRENT_DATE':
      case 'CURRENT_TIMESTAMP':
      case 'SYSDATE':
      case 'GETDATE':
      case 'NOW':
      case 'LOCALTIMESTAMP':
        if (!this.isOp('(', 1)) {
          this.next();
          return { k: 'func', name: tok.upper, args: [], distinct: false, star: false, pos };
        }
        break;
    }
    if (RESERVED.has(tok.upper) && !this.isOp('(', 1)) this.fail(`unexpected keyword ${tok.upper}`);
    if (this.isOp('(', 1)) return this.funcCall();
    return this.columnRef();
  }

  columnRef(): Expr {
    const pos = this.peek().pos;
    const parts = [this.ident('column')];
    while (this.accept('.')) {
      if (this.isOp('*')) {
        this.next();
        return { k: 'star', table: parts[parts.length - 1], pos };
      }
      parts.push(this.ident('column'));
    }
    if (parts.length > 3) this.fail(`too many name parts in ${parts.join('.')}`, pos);
    return { k: 'col', parts: parts.slice(-2), pos };
  }

  caseExpr(): Expr {
    const pos = this.expect('CASE').pos;
    const operand = this.isKw('WHEN') ? undefined : this.expr();
    const whens: Array<{ when: Expr; then: Expr }> = [];
    while (this.accept('WHEN')) {
      const when = this.expr();
      this.expect('THEN');
      whens.push({ when, then: this.expr() });
    }
    if (!whens.length) this.fail('CASE needs at least one WHEN');
    const e: Expr = { k: 'case', operand, whens, pos };
    if (this.accept('ELSE')) e.else = this.expr();
    this.expect('END');
    return e;
  }

  funcCall(): Expr {
    const tok = this.next();
    const pos = tok.pos;
    let name = tok.kind === 'qident' ? tok.text.toUpperCase() : tok.upper;
    this.expect('(');
    const f: Expr & { k: 'func' } = { k: 'func', name, args: [], distinct: false, star: false, pos };
    if (this.isOp('*') && this.isOp(')', 1)) {
      this.next();
      f.star = true;
    } else if (!this.isOp(')')) {
      if (this.accept('DISTINCT')) f.distinct = true;
      else this.accept('ALL');
      do f.args.push(this.expr());
      while (this.accept(','));
      if (this.isKw('ORDER')) {
        f.argOrderPos = this.next().pos;
        this.expect('BY');
        f.argOrder = this.orderList();
      }
      if (this.isKw('IGNORE') || this.isKw('RESPECT')) this.fail('IGNORE/RESPECT NULLS is not supported');
    }
    this.expect(')');
    name = f.name;
    return this.funcTail(f);
  }

  funcTail(f: Expr & { k: 'func' }): Expr {
    if (this.isKw('WITHIN')) {
      this.next();
      this.expect('GROUP');
      this.expect('(');
      this.expect('ORDER');
      this.expect('BY');
      const items = this.orderList();
      f.withinGroup = items[0];
      f.withinOrder = items;
      this.expect(')');
    }
    if (this.isKw('IGNORE') || this.isKw('RESPECT')) this.fail('IGNORE/RESPECT NULLS is not supported');
    if (this.isKw('FILTER') && this.isOp('(', 1)) {
      this.next();
      this.expect('(');
      this.expect('WHERE');
      f.filter = this.expr();
      this.expect(')');
    }
    if (this.isKw('OVER')) {
      this.next();
      const pos = this.peek().pos;
      if (this.isOp('(')) {
        this.next();
        f.over = this.windowBody(pos);
        this.expect(')');
      } else f.over = { ref: this.ident('window name'), partition: [], order: [], pos };
    }
    return f;
  }
}
