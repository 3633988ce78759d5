#!/usr/bin/env bash
# `npm run package`: a linux-x64 VSIX (DuckDB is native, so the package is platform-specific).
# It holds only what runs: the production bundles in dist/, the manifest, README, grammars,
# snippets, media, walkthrough, examples, and the @duckdb packages the bundle loads at run time
# (selected by .vscodeignore). The contents are checked before the script reports success.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${DW_VSIX_TARGET:-linux-x64}
OUT="dist-vsix/data-workbench-$TARGET.vsix"

node scripts/build.mjs --production
# A production build writes no source maps, but an earlier dev build may have left some.
find dist -name '*.map' -delete
mkdir -p dist-vsix
rm -f "$OUT"
npx vsce package --target "$TARGET" --allow-missing-repository --skip-license -o "$OUT"

# What must be in the package and what must never be.
python3 - "$OUT" << 'PY'
import re, sys, zipfile
names = [n[len('extension/'):] for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith('extension/')]
required = ['package.json', 'readme.md', 'dist/extension.js',  # vsce lower-cases readme.md
            'node_modules/@duckdb/node-api/package.json', 'node_modules/@duckdb/node-bindings/duckdb.js',
            'node_modules/@duckdb/node-bindings-linux-x64/duckdb.node']
missing = [r for r in required if r not in names]
allowed = re.compile(r'^(package\.json|readme\.md|license(\.txt)?|changelog\.md|dist/|syntaxes/|snippets/|media/|walkthrough/|examples/|node_modules/(@duckdb|detect-libc)/)')
stray = [n for n in names if not allowed.match(n) or n.endswith('.map')]
if missing or stray:
    print('package check failed:', 'missing', missing, 'unexpected', stray[:20], file=sys.stderr)
    sys.exit(1)
print(f'package check: {len(names)} files, nothing outside dist/, manifest, docs, grammars, snippets, media, examples and @duckdb')
PY
ls -l "$OUT"
