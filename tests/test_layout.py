"""The house rules a newcomer relies on, checked on the source tree: the contract package
imports nothing else of ours, no import cycle, no data SQL in Python strings, and no
module too long to read."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "models", "dashboard")
DATA_MODULES = {"pipelines/demo/phrases.py",    # sentences the demo generator draws from
                "pipelines/contract/words.py"}  # the message catalogue, Italian and English
MAX_LINES = 300
# a statement that reads or writes data: it belongs in a .sql file (the house writes SQL
# in lower case, which also keeps English and Italian sentences out)
DATA_SQL = re.compile(r"^\s*(select|insert|update|delete|with|copy|merge)\b|\bas\s+select\b")
TOUCHES_DATA = re.compile(r"\b(from|into|table|values)\b")


def is_data_sql(text: str) -> bool:
    return bool(DATA_SQL.search(text) and TOUCHES_DATA.search(text))


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports (anywhere in the file, functions too)."""
    ours = modules()
    graph = {}
    for name, path in ours.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in ours and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_contract_imports_nothing_else_of_ours():
    graph = import_graph()
    outside = {m: sorted(t for t in deps if not t.startswith("pipelines.contract"))
               for m, deps in graph.items() if m.startswith("pipelines.contract")}
    assert outside and all(not deps for deps in outside.values()), outside


def test_models_read_only_the_contract_of_pipelines():
    """The classifier reads label ids and operators from the contract; the one other door is
    the demo generator, whose sentences the model card checks the corpus against."""
    graph = import_graph()
    reached = {t for m, deps in graph.items() if m.startswith("models") for t in deps if t.startswith("pipelines")}
    assert reached and all(t.startswith(("pipelines.contract", "pipelines.demo")) for t in reached), reached
    demo = {t for m, deps in graph.items() if m.startswith("pipelines.demo") for t in deps}
    assert not any(t.startswith(("models", "pipelines.labels")) for t in demo), demo


def python_strings(path: Path):
    """(line, text) of every string literal, f-strings by their literal parts."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_the_sql_detector_sees_data_statements():
    assert is_data_sql("select count(*) from messages")
    assert is_data_sql("  with x as (select 1) select * from x")
    assert is_data_sql("create or replace table t as select * from openings")
    assert is_data_sql("insert into exports values (?, ?)")
    assert not is_data_sql("set variable load_id = ?")
    assert not is_data_sql("Select the operators to compare from the list")   # UI text is not SQL
    assert not is_data_sql("begin transaction")


def test_no_data_sql_in_python_strings():
    """Queries live in .sql files (pipelines/sql/, dashboard/sql/) with their values bound;
    Python keeps only control statements (set, begin, commit, attach, drop of scratch)."""
    found = []
    for package in ("pipelines", "dashboard"):
        for path in (ROOT / package).rglob("*.py"):
            for line, text in python_strings(path):
                if is_data_sql(text):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]}")
    assert not found, "\n".join(found)


def test_no_module_too_long_to_read():
    long = {}
    for package in PACKAGES + ("bench",):
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES and name not in DATA_MODULES:
                long[name] = lines
    assert not long, long
