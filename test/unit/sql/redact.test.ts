// Secrets typed into SQL never reach the log or the history: every form the engines accept is
// masked, found by the project's lexer (quotes, escapes, dollar quotes, comments), and the
// statement's other literals stay as typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMaskedLiteral, redactSecrets, redactSql } from '../../../src/core/sql/redact';

test('COPY credentials and key literals are redacted before logging', () => {
  const copy = "copy atomic.events from 's3://b/k' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=s3cr''et' delimiter '\\t'";
  const out = redactSecrets(copy);
  assert.ok(!out.includes('AKIA') && !out.includes('s3cr'), out);
  assert.ok(out.includes("'s3://b/k'") && out.includes("delimiter '\\t'"), 'other literals stay');
  assert.equal(
    redactSecrets("unload ('select 1') to 's3://x/' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'abc' SESSION_TOKEN 'tok'"),
    "unload ('select 1') to 's3://x/' ACCESS_KEY_ID '***' SECRET_ACCESS_KEY '***' SESSION_TOKEN '***'",
  );
  assert.equal(redactSecrets("create user etl password 'Hunter2x'"), "create user etl password '***'");
  assert.equal(redactSecrets('select 1'), 'select 1');
});

/** [case, SQL, the secret parts that must be gone, text that must stay] */
const CASES: [string, string, string[], string[]][] = [
  [
    'Redshift backslash escape',
    "ALTER USER etl PASSWORD 'ab\\'cdSECRET1' VALID UNTIL '2030-01-01'",
    ['cdSECRET1', 'SECRET1'],
    ["VALID UNTIL '2030-01-01'"],
  ],
  ['E string', "ALTER USER etl PASSWORD E'ab\\'cdSECRET2'", ['SECRET2'], ['ALTER USER etl PASSWORD']],
  ['dollar-quoted', 'ALTER ROLE etl PASSWORD $$SECRET3$$', ['SECRET3'], ['ALTER ROLE etl PASSWORD $$***$$']],
  ['tagged dollar quote', 'ALTER ROLE etl PASSWORD $pw$SECRET4$pw$', ['SECRET4'], ['$pw$***$pw$']],
  ['comment between keyword and value', "CREATE USER etl PASSWORD /* set by ops */ 'SECRET5'", ['SECRET5'], ['/* set by ops */']],
  ['line comment between keyword and value', "CREATE USER etl PASSWORD -- new\n 'SECRET6'", ['SECRET6'], ['-- new']],
  [
    'DuckDB CREATE SECRET',
    "CREATE SECRET s3c (TYPE S3, KEY_ID 'AKIAKEY7', SECRET 'SECRET7', SESSION_TOKEN 'TOKEN7', REGION 'us-east-1')",
    ['AKIAKEY7', 'SECRET7', 'TOKEN7'],
    ["REGION 'us-east-1'"],
  ],
  ['DuckDB SET s3_secret_access_key', "SET s3_secret_access_key='SECRET8'", ['SECRET8'], ['SET s3_secret_access_key']],
  ['DuckDB SET bare value', 'SET s3_secret_access_key = abcSECRET9+/x; select 1', ['abcSECRET9'], ['select 1']],
  ['DuckDB SET TO', "SET GLOBAL s3_session_token TO 'SECRET10'", ['SECRET10'], []],
  [
    'dblink URI',
    "SELECT * FROM dblink('postgres://etl:SECRET11@db.example:5432/x', 'select 1') AS t(a int)",
    ['SECRET11'],
    ['postgres://etl:***@db.example', "'select 1'"],
  ],
  [
    'libpq keywords',
    "SELECT dblink_connect('host=db.example user=etl password=SECRET12 dbname=x')",
    ['SECRET12'],
    ['host=db.example user=etl password=*** dbname=x'],
  ],
  ['libpq quoted password', "SELECT dblink_connect('host=h password=''SECRET13'' dbname=x')", ['SECRET13'], ['dbname=x']],
  [
    'CREDENTIALS list',
    "COPY t FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=AKIA14;aws_secret_access_key=SECRET14;token=TOK14'",
    ['AKIA14', 'SECRET14', 'TOK14'],
    ["'s3://b/k'"],
  ],
  [
    'ACCESS_KEY_ID/SECRET_ACCESS_KEY/SESSION_TOKEN',
    "COPY t FROM 's3://b/k' ACCESS_KEY_ID 'AKIA15' SECRET_ACCESS_KEY 'SECRET15' SESSION_TOKEN 'TOK15' FORMAT CSV",
    ['AKIA15', 'SECRET15', 'TOK15'],
    ['FORMAT CSV'],
  ],
  [
    'credentials with AS',
    "UNLOAD ('select 1') TO 's3://b/' CREDENTIALS AS 'aws_access_key_id=A16;aws_secret_access_key=SECRET16'",
    ['SECRET16', 'A16'],
    ["('select 1')"],
  ],
  ['lower case and odd spacing', "alter user etl\n\tpassword\n'SECRET17'", ['SECRET17'], []],
  ['secret key pair in any literal', "select 'aws_secret_access_key=SECRET18'", ['SECRET18'], []],
];

for (const [name, sql, gone, kept] of CASES) {
  test(`redacts: ${name}`, () => {
    const { text, redacted } = redactSql(sql);
    assert.equal(redacted, true, text);
    for (const g of gone) assert.ok(!text.includes(g), `${JSON.stringify(g)} is still in ${JSON.stringify(text)}`);
    for (const k of kept) assert.ok(text.includes(k), `${JSON.stringify(k)} was lost from ${JSON.stringify(text)}`);
    assert.ok(text.includes('***'), 'the result shows it was masked');
  });
}

test('statements without secrets are kept exactly, including look-alikes in identifiers and comments', () => {
  for (const sql of [
    'select "password" from users where name = \'bob\'',
    "select password_hash, 'credentials' from t",
    '-- password rotation job\nselect 1',
    "select $$not a secret$$, E'tab\\there'",
    "insert into t values ('it''s fine')",
  ]) {
    assert.deepEqual(redactSql(sql), { text: sql, redacted: false }, sql);
  }
});

test('unterminated strings are masked to the end rather than leaked', () => {
  const { text } = redactSql("ALTER USER etl PASSWORD 'SECRET19");
  assert.ok(!text.includes('SECRET19'), text);
});

test('hasMaskedLiteral finds a masked string, not the word in a comment or an identifier', () => {
  assert.equal(hasMaskedLiteral("ALTER USER etl PASSWORD '***'"), true);
  assert.equal(hasMaskedLiteral('ALTER ROLE etl PASSWORD $$***$$'), true);
  assert.equal(hasMaskedLiteral("select 1 -- '***'"), false);
  assert.equal(hasMaskedLiteral('select "***" from t'), false);
});
