"""`faasguard graph`: entry points → functions → roles → data stores, as Graphviz DOT or a Mermaid
flowchart, with the attack paths (FG_00_01) in red. A role reaches a data store when one of its
function's grants covers the store's service on every resource (admin: every store); scoped grants name
their resources by reference, which the drawing does not follow."""
from __future__ import annotations

from dataclasses import dataclass, field

from faasguard.model.attack_paths import ADMIN
from faasguard.permissions import AccessReport

RED = "#d62728"


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, kind)
    edges: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)  # (from, to) -> (label, red)

    def node(self, key: str, label: str, kind: str) -> str:
        self.nodes.setdefault(key, (label, kind))
        return key

    def edge(self, source: str, target: str, label: str = "", red: bool = False) -> None:
        old_label, old_red = self.edges.get((source, target), (label, False))
        self.edges[(source, target)] = (old_label or label, old_red or red)


def build(report: AccessReport) -> Graph:
    graph = Graph()
    for document in report.documents:
        scope = f"{document.file}#"
        stores = {s.resource: s for s in document.stores}
        for f in document.functions:
            function = graph.node(scope + "fn:" + f.function, f"λ {f.function}", "function")
            on_path = {(p.entry.resource, p.entry.name) for p in f.paths}
            dangerous = {(p.grant.resource, p.grant.what) for p in f.paths}
            for entry in f.entry_points:
                key = graph.node(f"{scope}entry:{entry.resource}:{entry.name}", entry.name, "public" if entry.public else "entry")
                graph.edge(key, function, "public" if entry.public else entry.access, (entry.resource, entry.name) in on_path)
            if not f.role:
                continue
            role = graph.node(scope + "role:" + f.role, f"role {f.role}", "role")
            graph.edge(function, role, "", bool(f.paths))
            for grant in f.grants:
                reached = [s for s in stores.values() if grant.level == ADMIN or s.service in grant.services]
                for store in reached:
                    key = graph.node(scope + "store:" + store.resource, store.resource, "store")
                    graph.edge(role, key, grant.level, (grant.resource, grant.what) in dangerous)
    return graph


_DOT_SHAPES = {"function": "box", "role": "hexagon", "store": "cylinder", "entry": "oval", "public": "oval"}


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_dot(report: AccessReport) -> str:
    graph = build(report)
    ids = {key: f"n{index}" for index, key in enumerate(graph.nodes)}
    lines = ["digraph faasguard {", "  rankdir=LR;", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica"];']
    for key, (label, kind) in graph.nodes.items():
        color = f', color="{RED}", fontcolor="{RED}"' if kind == "public" else ""
        lines.append(f'  {ids[key]} [label="{_dot_text(label)}", shape={_DOT_SHAPES[kind]}{color}];')
    for (source, target), (label, red) in graph.edges.items():
        style = f', color="{RED}", penwidth=2' if red else ""
        lines.append(f'  {ids[source]} -> {ids[target]} [label="{_dot_text(label)}"{style}];')
    return "\n".join([*lines, "}"]) + "\n"


_MERMAID_SHAPES = {"function": '["{}"]', "role": '{{"{}"}}', "store": '[("{}")]', "entry": '(["{}"])',
                   "public": '(["{}"])'}


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


def render_mermaid(report: AccessReport) -> str:
    graph = build(report)
    ids = {key: f"n{index}" for index, key in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for key, (label, kind) in graph.nodes.items():
        lines.append(f"  {ids[key]}{_MERMAID_SHAPES[kind].format(_mermaid_text(label))}")
    red = []
    for index, ((source, target), (label, is_red)) in enumerate(graph.edges.items()):
        arrow = f'-- "{_mermaid_text(label)}" -->' if label else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
        if is_red:
            red.append(str(index))
    public = [ids[k] for k, (_, kind) in graph.nodes.items() if kind == "public"]
    if public:
        lines.append(f"  classDef public stroke:{RED},color:{RED}")
        lines.append(f"  class {','.join(public)} public")
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:{RED},stroke-width:2px")
    return "\n".join(lines) + "\n"


RENDERERS = {"dot": render_dot, "mermaid": render_mermaid}
