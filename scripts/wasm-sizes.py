"""Sums twiggy's CSV (on stdin) by crate, and by module for the app's own
crates: the table scripts/wasm-sizes.sh prints."""
import collections
import csv
import re
import sys

rows = csv.reader(sys.stdin)
next(rows)
total = collections.Counter()
for row in rows:
    name, size = row[0].strip().strip('"'), int(row[1])
    # Names, custom sections and wasm-bindgen's descriptors never ship:
    # wasm-bindgen and wasm-opt take them out.
    if name.startswith("custom section") or "function names" in name or "__wbindgen_describe" in name:
        continue
    if "wasm_bindgen::describe" in name:
        continue
    if name.startswith("data segment"):
        key = name
    else:
        # `<a::b as c::d>::f` belongs to the implementing type's crate.
        m = re.match(r"^<?(?:&|\*const |\*mut )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::", name)
        key = m.group(1) if m else "(glue and others)"
        if key in ("budmm", "budmm_core"):
            m = re.match(r"^<?(budmm(?:_core)?::[a-z_0-9]+::[a-z_0-9]+)", name)
            key = m.group(1) if m else key
    total[key] += size
for key, size in total.most_common(25):
    print(f"{size:>9}  {key}")
