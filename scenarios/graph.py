"""A scenario's branches as a graph: steps as nodes, options as edges, and a layered layout to draw them.

Definitions the map and the preview rely on:

- The start is the first step of the file. An option without `next` ends the scenario: its edge goes to END.
- An option whose `next` names no step of the file is a *broken* edge; it goes to a node of its own for that
  missing name. (The loader refuses such files; a draft in an editor may still hold one.)
- A step is *unreachable* when no sequence of choices from the start leads to it.
- A step is a *dead end* when no sequence of choices from it ever ends the scenario: every path from it runs
  into a missing step or goes round a loop with no way out. A step with one good way out is not a dead end,
  whatever its other options do.
- Layers: a reachable step's layer is the greatest number of choices by which a trainee can reach it from the
  start (leaving out choices that loop back, which a valid scenario does not have). So every choice leads to
  a later layer, and step numbers rise along every path a trainee takes; with the shortest distance instead,
  a step reached both directly and through another step would share a layer, and a number, with it. (Where
  there is no such step the two agree.) Unreachable steps are laid out the same way from the unreachable
  steps nothing unreachable leads to (or, for a closed loop, from its first step in the file). A missing step sits one layer after the first step that names it, END one
  layer after the last step.
- Rows: within a layer, reachable steps come first, then unreachable ones, then missing ones; each group is
  ordered by the mean row of the steps that lead to it (barycentre, which cheaply keeps arrows from crossing),
  ties by the letters of the choices that lead there, then by file order. Steps are numbered in this order,
  layer by layer.
"""

from dataclasses import dataclass
from statistics import mean
from typing import Literal

from scenarios.model import Rating, Scenario

END = "#end"  # not a slug, so never a step id
MISSING_PREFIX = "#missing:"
NodeKind = Literal["step", "end", "missing"]


def letter(index: int) -> str:
    """The letter of an option by its place in the file: A, B, C..."""
    return chr(ord("A") + index)


@dataclass(frozen=True)
class Node:
    id: str  # a step id, END, or MISSING_PREFIX + the name an option gave
    kind: NodeKind
    number: int  # steps: 1, 2, ... in layout order; 0 for END and missing steps
    prompt: str  # the step's prompt; "" for END and missing steps
    layer: int
    row: int
    y: float  # row, centred in its layer against the tallest layer
    reachable: bool = True
    dead_end: bool = False

    @property
    def label(self) -> str:
        if self.kind == "end":
            return "END"
        if self.kind == "missing":
            return "?"
        return str(self.number)


@dataclass(frozen=True)
class Edge:
    source: str  # a step id
    option_id: str
    letter: str
    rating: Rating
    target: str  # a node id: a step, END or a missing step

    @property
    def ends(self) -> bool:
        return self.target == END

    @property
    def broken(self) -> bool:
        return self.target.startswith(MISSING_PREFIX)


@dataclass(frozen=True)
class BranchGraph:
    nodes: tuple[Node, ...]  # steps in number order, then missing steps, then END
    edges: tuple[Edge, ...]  # by step number, then option order in the file
    layers: int
    rows: int  # nodes in the fullest layer

    def node(self, node_id: str) -> Node:
        return next(node for node in self.nodes if node.id == node_id)

    @property
    def steps(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if node.kind == "step")

    @property
    def unreachable(self) -> tuple[str, ...]:
        return tuple(node.id for node in self.steps if not node.reachable)

    @property
    def dead_ends(self) -> tuple[str, ...]:
        return tuple(node.id for node in self.steps if node.dead_end)

    @property
    def broken(self) -> tuple[Edge, ...]:
        return tuple(edge for edge in self.edges if edge.broken)

    def arrivals(self, step_id: str) -> tuple[Edge, ...]:
        """The choices that lead to this step."""
        return tuple(edge for edge in self.edges if edge.target == step_id)


def branch_graph(scenario: Scenario) -> BranchGraph:
    order = {step.id: i for i, step in enumerate(scenario.steps)}
    raw = [
        Edge(step.id, option.id, letter(o), option.rating, _target(option.next, order))
        for step in scenario.steps
        for o, option in enumerate(step.options)
    ]
    successors: dict[str, list[str]] = {step_id: [] for step_id in order}
    for edge in raw:
        if edge.target in order and edge.target not in successors[edge.source]:
            successors[edge.source].append(edge.target)

    start = scenario.steps[0].id
    reachable = _layers([start], successors, {})
    layer = dict(reachable)
    rest = [step_id for step_id in order if step_id not in layer]
    while rest:
        led_to = {t for s in rest for t in successors[s]}
        roots = [s for s in rest if s not in led_to] or rest[:1]
        layer |= _layers(roots, successors, layer)
        rest = [step_id for step_id in rest if step_id not in layer]

    missing: dict[str, int] = {}
    for edge in raw:
        if edge.broken:
            missing[edge.target] = min(missing.get(edge.target, 1 << 30), layer[edge.source] + 1)
    last = max([*layer.values(), *missing.values()])
    groups = {step_id: (0 if step_id in reachable else 1) for step_id in order} | {m: 2 for m in missing}
    placed: dict[str, int] = layer | missing
    if any(edge.ends for edge in raw):
        placed[END] = last + 1
        groups[END] = 0
    rows = _order_rows(placed, groups, raw, [*order, *missing, END])

    ways_out = _can_end(successors, raw)
    tallest = max(sum(1 for n in placed.values() if n == at) for at in set(placed.values()))
    step_order = sorted(order, key=lambda s: (groups[s], placed[s], rows[s]))
    number = {step_id: n for n, step_id in enumerate(step_order, start=1)}
    prompts = {step.id: step.prompt for step in scenario.steps}

    def make(node_id: str, kind: NodeKind) -> Node:
        height = sum(1 for n in placed.values() if n == placed[node_id])
        return Node(
            id=node_id,
            kind=kind,
            number=number.get(node_id, 0),
            prompt=prompts.get(node_id, ""),
            layer=placed[node_id],
            row=rows[node_id],
            y=rows[node_id] + (tallest - height) / 2,
            reachable=kind != "step" or node_id in reachable,
            dead_end=kind == "step" and node_id not in ways_out,
        )

    nodes = [make(s, "step") for s in step_order] + [make(m, "missing") for m in missing]
    if END in placed:
        nodes.append(make(END, "end"))
    edges = sorted(raw, key=lambda e: (number[e.source], order[e.source]))
    return BranchGraph(nodes=tuple(nodes), edges=tuple(edges), layers=max(placed.values()) + 1, rows=tallest)


def missing_name(node_id: str) -> str:
    return node_id.removeprefix(MISSING_PREFIX)


def _target(following: str | None, steps: dict[str, int]) -> str:
    if following is None:
        return END
    return following if following in steps else MISSING_PREFIX + following


def _layers(roots: list[str], successors: dict[str, list[str]], placed: dict[str, int]) -> dict[str, int]:
    """Layers of the steps the roots lead to (leaving out those already placed): the most choices by which a
    step can be reached from a root, not counting choices that lead back to a step on the way (the back edges
    of a depth-first search in option order). Every other choice then leads to a later layer."""
    colour: dict[str, str] = {}
    back: set[tuple[str, str]] = set()
    finished: list[str] = []
    for root in roots:
        if root in colour:
            continue
        colour[root] = "grey"  # grey: on the current path; black: done
        stack = [(root, iter(successors[root]))]
        while stack:
            here, following = stack[-1]
            there = next(following, None)
            if there is None:
                colour[here] = "black"
                finished.append(here)
                stack.pop()
            elif there in placed:
                continue
            elif colour.get(there) == "grey":
                back.add((here, there))
            elif there not in colour:
                colour[there] = "grey"
                stack.append((there, iter(successors[there])))
    layer = dict.fromkeys(colour, 0)
    for here in reversed(finished):  # a topological order once the back edges are left out
        for there in successors[here]:
            if there in layer and (here, there) not in back:
                layer[there] = max(layer[there], layer[here] + 1)
    return layer


def _can_end(successors: dict[str, list[str]], edges: list[Edge]) -> set[str]:
    """Steps from which some sequence of choices ends the scenario (a fixed point, so loops are handled)."""
    able = {edge.source for edge in edges if edge.ends}
    changed = True
    while changed:
        changed = False
        for step_id, following in successors.items():
            if step_id not in able and any(f in able for f in following):
                able.add(step_id)
                changed = True
    return able


def _order_rows(layer: dict[str, int], group: dict[str, int], edges: list[Edge], file_order: list[str]) -> dict[str, int]:
    """Rows within each layer: one sweep from the first layer to the last, each node placed at the mean row of
    the nodes in earlier layers that lead to it; ties by the mean place of the options that lead there (A above B),
    then by file order, as are nodes nothing earlier leads to."""
    rank = {node_id: i for i, node_id in enumerate(file_order)}
    leads_in: dict[str, list[tuple[str, int]]] = {node_id: [] for node_id in layer}
    for edge in edges:
        if edge.target in layer and layer[edge.source] < layer[edge.target]:
            leads_in[edge.target].append((edge.source, ord(edge.letter) - ord("A")))
    row: dict[str, int] = {}
    for at in sorted(set(layer.values())):
        here = [node_id for node_id in layer if layer[node_id] == at]

        def key(node_id: str) -> tuple[int, float, float, int]:
            sources = [(row[s], option) for s, option in leads_in[node_id] if s in row]
            if not sources:
                return (group[node_id], float(rank[node_id]), 0.0, rank[node_id])
            return (group[node_id], mean(r for r, _ in sources), mean(o for _, o in sources), rank[node_id])

        for r, node_id in enumerate(sorted(here, key=key)):
            row[node_id] = r
    return row
