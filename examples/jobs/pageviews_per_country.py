"""Page views per country from a CSV of page views (the local example playbook's first step)."""
import argparse
import csv
from collections import Counter

parser = argparse.ArgumentParser()
parser.add_argument("--input", required=True)
parser.add_argument("--min-views", type=int, default=1)
args = parser.parse_args()

with open(args.input, newline="", encoding="utf-8") as f:
    views = Counter(row["geo_country"] for row in csv.DictReader(f))

for country, count in sorted(views.items(), key=lambda kv: (-kv[1], kv[0])):
    if count >= args.min_views:
        print(f"{country}\t{count}")
print(f"{sum(views.values())} page views in {len(views)} countries")
