# Reads [{name, code}] as JSON on stdin; for each, compiles the code (py_compile's check: compile()) and
# prints its shape as JSON: the top-level statements and every name the code reads, calls or binds, so the
# test can tell that only the statements the translator means to emit are there.
import ast
import json
import sys


def stmt_kind(s):
    if isinstance(s, ast.ImportFrom):
        return "from %s import %s" % (s.module, ",".join(a.name + ("/" + a.asname if a.asname else "") for a in s.names))
    if isinstance(s, ast.Import):
        return "import " + ",".join(a.name for a in s.names)
    if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
        return "assign"
    if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
        # a write: <df>.write....save()/saveAsTable()/insertInto()
        node = s.value
        while isinstance(node, (ast.Call, ast.Attribute)):
            if isinstance(node, ast.Attribute) and node.attr == "write" and isinstance(node.value, ast.Name):
                return "write"
            node = node.func if isinstance(node, ast.Call) else node.value
        return "call"
    return type(s).__name__


def over_targets(tree):
    """For every `X.over(w)`: the function X calls (F.avg → avg), or a marker when X is not an F call."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "over":
            v = n.func.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and isinstance(v.func.value, ast.Name) and v.func.value.id == "F":
                out.append(v.func.attr)
            else:
                out.append("<not an F function: %s>" % type(v).__name__)
    return out


result = []
for o in json.load(sys.stdin):
    try:
        # What py_compile does: compile the source text.
        compile(o["code"], o["name"], "exec")
        tree = ast.parse(o["code"], o["name"])
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        result.append({"name": o["name"], "error": "%s: %s" % (type(e).__name__, e)})
        continue
    names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
    assigned = [s.targets[0].id for s in tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)]
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    result.append({
        "name": o["name"],
        "statements": [stmt_kind(s) for s in tree.body],
        "names": names,
        "assigned": assigned,
        "strings": strings,
        "over": over_targets(tree),
    })
json.dump(result, sys.stdout, ensure_ascii=True)
