#!/usr/bin/env python3
"""The source folders form layers that point one way (docs/architecture.md,
"Layers"): a file may include headers of its own folder and of folders below
it, never above; and a capability's headers, except its *_http.h, include
nothing of the HTTP layer. Prints every breach and exits 1 when there is one.

usage: check_layers.py SRC_DIR
"""
import re
import sys
from pathlib import Path

# Lowest first. The kit is what every capability shares (scope, privacy,
# audit, idempotency, the audited write, lists, jobs, notifications);
# capabilities may use the ones listed before them.
LAYERS = ["base", "store", "http", "kit", "auth", "place", "registry", "transfer", "workorder", "care", "wostats", "votes", "meetings", "ledger",
          "oversight", "open311", "demo",
          "app", "cli", "."]
CAPABILITIES = {"auth", "place", "registry", "transfer", "workorder", "care", "wostats", "votes", "meetings",
                "ledger", "oversight", "open311"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)


def main(src):
    rank = {name: i for i, name in enumerate(LAYERS)}
    breaches = []
    files = sorted(p for p in src.rglob("*") if p.suffix in (".c", ".h"))
    for path in files:
        rel = path.relative_to(src)
        folder = rel.parts[0] if len(rel.parts) > 1 else "."
        if folder not in rank:
            breaches.append(f"{rel}: folder {folder!r} has no layer (add it to LAYERS)")
            continue
        for target in INCLUDE.findall(path.read_text(encoding="utf-8")):
            if target not in rank:
                breaches.append(f"{rel}: includes {target}/, which has no layer")
            elif rank[target] > rank[folder]:
                breaches.append(f"{rel}: {folder} includes {target}/, a layer above it")
            elif (folder in CAPABILITIES and path.suffix == ".h"
                  and not path.name.endswith("_http.h") and target == "http"):
                breaches.append(f"{rel}: a capability's plain header includes http/")
    for b in breaches:
        print(b)
    print(f"layers: {len(files)} files, {len(breaches)} breaches")
    return 1 if breaches else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
