"""Prints the conformance suite's counts (docs/hl7.md, "The conformance suite") from manifest.tsv."""
import collections
import pathlib

rows = [l.rstrip("\n").split("\t") for l in open(pathlib.Path(__file__).resolve().parent / "manifest.tsv", encoding="utf-8")
        if not l.startswith("#")]
head, rows = rows[0], rows[1:]
col = {name: i for i, name in enumerate(head)}
versions = ["2.3", "2.3.1", "2.4", "2.5", "2.5.1"]
by = collections.Counter((r[col["type"]], r[col["version"]]) for r in rows)
print("| Message type | " + " | ".join(versions) + " | All |")
print("|---|" + "---:|" * (len(versions) + 1))
for t in sorted({r[col["type"]] for r in rows}):
    print(f"| {t} | " + " | ".join(str(by[(t, v)] or "") for v in versions) + f" | {sum(by[(t, v)] for v in versions)} |")
per = collections.Counter(r[col["version"]] for r in rows)
print("| **All** | " + " | ".join(f"**{per[v]}**" for v in versions) + f" | **{len(rows)}** |")
print()
for name in ["ending", "charset", "ack"]:
    c = collections.Counter(r[col[name]] for r in rows)
    print(f"- {name}: " + ", ".join(f"{k} {n}" for k, n in sorted(c.items())))
