#!/usr/bin/env python3
"""Checks that the module graph the README shows is the one Package.swift builds.

Three things must hold, or the script names each difference and exits 1:
  1. the README's architecture table lists exactly the package's non-test
     targets, each with exactly the dependencies Package.swift gives it;
  2. every dependency a target declares is imported by one of its sources
     (nothing carried that nothing uses);
  3. every project module a target's sources import is declared (SwiftPM
     lets a transitive module be imported unnoticed).

Usage: scripts/check-module-graph.py [PACKAGE_DIR]   (needs `swift` on PATH)
"""
import json
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
dump = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root,
                                 check=True, capture_output=True, text=True).stdout)

def dep_name(dep):
    kind = next(iter(dep))
    return dep[kind][0]

targets = {t["name"]: t for t in dump["targets"]}
all_deps = {name: sorted(dep_name(d) for d in t["dependencies"]) for name, t in targets.items()}
# The README shows the product's modules; test support lives under Tests/.
package_deps = {name: deps for name, deps in all_deps.items()
                if targets[name]["type"] != "test" and not (targets[name].get("path") or "").startswith("Tests")}

problems = []

# 1. The README's table: | `Module` | holds | `Dep`, `Dep` |
readme = (root / "README.md").read_text()
arch = re.search(r"^## Architecture\n(.*?)(?=^## )", readme, re.S | re.M)
if not arch:
    sys.exit("check-module-graph: README.md has no '## Architecture' section")
shown = {}
for line in arch.group(1).splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 3 or not cells[0].startswith("`"):
        continue
    names = re.findall(r"`([^`]+)`", cells[0])
    deps = sorted(re.findall(r"`([^`]+)`", cells[-1]))
    for name in names:
        shown[name] = deps
for name in sorted(set(package_deps) - set(shown)):
    problems.append(f"README.md, Architecture: module {name} is in Package.swift but not in the table")
for name in sorted(set(shown) - set(package_deps)):
    problems.append(f"README.md, Architecture: module {name} is in the table but not in Package.swift")
for name in sorted(set(shown) & set(package_deps)):
    if shown[name] != package_deps[name]:
        problems.append(f"README.md, Architecture: {name} depends on {', '.join(package_deps[name]) or 'nothing'} "
                        f"in Package.swift, the README says {', '.join(shown[name]) or 'nothing'}")

# 2 and 3. Declared dependencies against the sources' imports.
products = {"ArgumentParser", "Logging"}
project_modules = set(targets) | products
import_re = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|enum|class|func|protocol|typealias|var|let)\s+)?(\w+)", re.M)
for name, t in targets.items():
    if t["type"] in ("system", "test"):
        continue
    path = root / (t.get("path") or f"Sources/{name}")
    imports = set()
    for src in path.rglob("*.swift"):
        imports |= set(import_re.findall(src.read_text()))
    declared = set(all_deps[name])
    for dep in sorted(declared - imports):
        problems.append(f"Package.swift: {name} declares {dep}, which none of its sources imports")
    for mod in sorted((imports & project_modules) - declared - {name}):
        problems.append(f"Package.swift: {name} imports {mod} without declaring it")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"module graph: README and Package.swift agree on {len(package_deps)} modules; "
      "every declared dependency is imported and every import declared")
