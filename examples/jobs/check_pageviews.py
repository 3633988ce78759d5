"""Checks every row of the page view CSV has an event id and a two-letter country."""
import csv
import sys

bad = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for line, row in enumerate(csv.DictReader(f), start=2):
        if not row["event_id"] or len(row["geo_country"]) != 2:
            print(f"line {line}: bad row {row}", file=sys.stderr)
            bad += 1
print("all rows well formed" if not bad else f"{bad} bad rows")
sys.exit(1 if bad else 0)
