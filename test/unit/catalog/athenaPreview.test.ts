// "Preview with Athena": the statement is a LIMIT query whose names cannot break out of their quotes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { athenaPreviewSql } from '../../../src/core/catalog/athenaPreview';

test('the preview selects from the quoted table with a LIMIT', () => {
  assert.equal(athenaPreviewSql('atomic', 'events'), 'SELECT * FROM "atomic"."events" LIMIT 100;');
  assert.equal(athenaPreviewSql('db', 't', 10), 'SELECT * FROM "db"."t" LIMIT 10;');
});

test('a hostile name stays one identifier', () => {
  assert.equal(athenaPreviewSql('db', 'x"; DROP TABLE y; --'), 'SELECT * FROM "db"."x""; DROP TABLE y; --" LIMIT 100;');
  assert.throws(() => athenaPreviewSql('db', 'a\0b'), /NUL/);
});
