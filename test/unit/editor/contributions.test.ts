// src/editor/commands.ts declares every command id, context key and view id once; package.json
// contributes them. A renamed or forgotten id would leave a menu entry or keybinding dead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Commands, ContextKeys, ViewIds } from '../../../src/editor/commands';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));

test('every declared command is contributed, and every contributed command is declared', () => {
  const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(Object.values(Commands).sort(), contributed);
});

test('menus and keybindings only name declared commands', () => {
  const declared = new Set<string>(Object.values(Commands));
  const menuCommands = Object.values(manifest.contributes.menus as Record<string, { command: string }[]>)
    .flat()
    .map((m) => m.command);
  const keyCommands = (manifest.contributes.keybindings as { command: string }[]).map((k) => k.command);
  for (const id of [...menuCommands, ...keyCommands]) assert.ok(declared.has(id), `${id} is not in src/editor/commands.ts`);
});

test('every context key is used in a when clause, and the views are the contributed ones', () => {
  const text = JSON.stringify(manifest.contributes);
  for (const key of Object.values(ContextKeys)) assert.match(text, new RegExp(`${key.replace('.', '\\.')}\\b`), key);
  const views = Object.values(manifest.contributes.views as Record<string, { id: string }[]>)
    .flat()
    .map((v) => v.id)
    .sort();
  assert.deepEqual(Object.values(ViewIds).sort(), views);
});
