"""A scenario's branch map: steps as numbered nodes, choices as arrows coloured and dashed by rating; clicking a
step (or choosing it in the list under the map, for keyboards and screen readers) opens it below the map."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from scenarios.graph import BranchGraph, Edge, Node, branch_graph, missing_name
from scenarios.model import RATINGS, Rating, Scenario
from services.markup import plain

SELECTION = "step_pick"
RATING_WORD: dict[Rating, str] = {"best": "best", "acceptable": "acceptable", "poor": "poor", "harmful": "harmful"}
# Each at least 4.5:1 against white (tests/test_branch_map_drawing.py measures it), and poor/harmful dashed as well,
# so the map reads without colour too.
RATING_COLOUR: dict[Rating, str] = {"best": "#1b7837", "acceptable": "#2166ac", "poor": "#a6500a", "harmful": "#b2182b"}
RATING_DASH: dict[Rating, list[int]] = {"best": [1, 0], "acceptable": [1, 0], "poor": [7, 4], "harmful": [2, 3]}
FLAG_COLOUR = "#b2182b"
INK = "#31333f"
ROW_PX = 96  # vertical room per row of nodes
NODE_SIZE = 900  # area in px², a circle of about 34 px across: the step number stays legible on a phone
NODE_RADIUS = 17
FAN = 0.26  # rows between arrows that share both ends
BEND = 0.4  # where an arrow bends and bears its letter, from its source (0) to its target (1): nearer the source,
# so the letters of arrows that cross midway, or that meet at the same target, do not fall on one another
DETOUR = 0.62  # rows between a detour and the nodes it goes round


@dataclass(frozen=True)
class Route:
    edge: Edge
    points: tuple[tuple[float, float], ...]  # (layer, row) from the source's centre to the target's
    label_at: tuple[float, float]


def routes(graph: BranchGraph) -> list[Route]:
    """Where each arrow runs. Arrows that share both ends fan out; an arrow that would pass through a step of a
    layer it skips goes round above or below the steps in between."""
    where = {node.id: (float(node.layer), node.y) for node in graph.nodes}
    together: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in graph.edges:
        together[(edge.source, edge.target)].append(edge)
    detours = {"above": 0, "below": 0}
    found = []
    for (source, target), edges in together.items():
        (sx, sy), (tx, ty) = where[source], where[target]
        between = [n.y for n in graph.nodes if sx < n.layer < tx or tx < n.layer < sx]
        blocked = any(sx < n.layer < tx and abs(n.y - _along(sx, sy, tx, ty, n.layer)) < 0.45 for n in graph.nodes)
        for k, edge in enumerate(edges):
            spread = (k - (len(edges) - 1) / 2) * FAN
            if not blocked and tx > sx:
                bend = (sx + (tx - sx) * BEND, sy + (ty - sy) * BEND + spread)
                found.append(Route(edge, ((sx, sy), bend, (tx, ty)), bend))
                continue
            if tx == sx:  # a choice that leads to a step of its own layer: out to the right and back
                bend = (sx + 0.4, (sy + ty) / 2 + spread)
                found.append(Route(edge, ((sx, sy), bend, (tx, ty)), bend))
                continue
            top = min([*between, sy, ty]) - DETOUR
            bottom = max([*between, sy, ty]) + DETOUR
            side = "above" if abs(top - (sy + ty) / 2) < abs(bottom - (sy + ty) / 2) else "below"
            lane = top - detours[side] * FAN if side == "above" else bottom + detours[side] * FAN
            detours[side] += 1
            step = 0.5 if tx > sx else -0.5
            first, last = (sx + step, lane), (tx - step, lane)
            found.append(Route(edge, ((sx, sy), first, last, (tx, ty)), ((first[0] + last[0]) / 2, lane)))
    return _apart(found)


def _apart(found: list[Route]) -> list[Route]:
    """Letters that would overlap, at the same x, are spread apart round their mean, and their arrows bend
    through the letters' new places."""
    by_x: dict[float, list[int]] = defaultdict(list)
    for i, route in enumerate(found):
        by_x[round(route.label_at[0], 3)].append(i)
    moved = list(found)
    for same_x in by_x.values():
        column = sorted(same_x, key=lambda i: (found[i].label_at[1], i))
        blocks: list[list[int]] = []
        for i in column:
            blocks.append([i])
            while len(blocks) > 1 and _top(blocks[-2], found) + len(blocks[-2]) * FAN > _top(blocks[-1], found):
                blocks[-2:] = [blocks[-2] + blocks[-1]]
        for block in blocks:
            top = _top(block, found)
            for k, i in enumerate(block):
                moved[i] = _relabel(found[i], top + k * FAN)
    return moved


def _top(block: list[int], found: list[Route]) -> float:
    """Where a block of letters FAN apart starts when it is centred on their mean."""
    mean = sum(found[i].label_at[1] for i in block) / len(block)
    return mean - (len(block) - 1) * FAN / 2


def _relabel(route: Route, y: float) -> Route:
    x, old = route.label_at
    if y == old:
        return route
    start, *bends, end = route.points  # one bend at the letter, or a detour's two bends on either side of it
    return Route(route.edge, (start, *((bx, y) for bx, _ in bends), end), (x, y))


def _arrowheads(paths: list[Route]) -> list[dict[str, float]]:
    """One neutral arrowhead where arrows from one step reach another, on the middle arrow's last leg: a
    head per arrow would pile into a blot of colours on the target."""
    together: dict[tuple[str, str], list[Route]] = defaultdict(list)
    for route in paths:
        together[(route.edge.source, route.edge.target)].append(route)
    heads = []
    for group in together.values():
        middle = group[len(group) // 2] if len(group) % 2 else None
        (px, py), (tx, ty) = middle.points[-2:] if middle else (_mean([r.points[-2] for r in group]), group[0].points[-1])
        heads.append({"px": px, "py": py, "tx": tx, "ty": ty})
    return heads


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def _along(sx: float, sy: float, tx: float, ty: float, x: float) -> float:
    return sy + (ty - sy) * (x - sx) / (tx - sx) if tx != sx else sy


def picked_step(event: Any, graph: BranchGraph) -> str | None:
    """The step a click on the map chose, from the chart's selection state; None for END, a missing step,
    a click beside the nodes, or no click yet."""
    if not isinstance(event, Mapping):
        return None
    selection = event.get("selection")
    chosen = selection.get(SELECTION) if isinstance(selection, Mapping) else None
    if not chosen:
        return None
    picked = chosen[0].get("id") if isinstance(chosen[0], Mapping) else None
    return picked if picked in {node.id for node in graph.steps} else None


def _badge(node: Node) -> str:
    if node.kind == "missing":
        return f"no step '{missing_name(node.id)}'"
    notes = [word for word, flagged in (("unreachable", not node.reachable), ("dead end", node.dead_end)) if flagged]
    if notes:
        return ", ".join(notes)
    return "start" if node.number == 1 else ""


def _destination(edge: Edge, numbers: dict[str, str]) -> str:
    if edge.ends:
        return "the end"
    if edge.broken:
        return f"a step '{missing_name(edge.target)}' that the file does not have"
    return f"step {numbers[edge.target]}"


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_title(node: Node) -> str:
    if node.kind == "end":
        return "End of the scenario"
    if node.kind == "missing":
        return f"A choice names a step '{missing_name(node.id)}' that the file does not have"
    return f"Step {node.number}"


def map_chart(graph: BranchGraph, open_step: str | None = None) -> alt.LayerChart:
    paths = routes(graph)
    numbers = {node.id: node.label for node in graph.nodes}
    lines = pd.DataFrame(
        [
            {"arrow": i, "order": p, "x": x, "y": y, "rating": route.edge.rating}
            for i, route in enumerate(paths)
            for p, (x, y) in enumerate(route.points)
        ]
    )
    labels = pd.DataFrame(
        [
            {
                "x": route.label_at[0],
                "y": route.label_at[1],
                "letter": route.edge.letter,
                "rating": route.edge.rating,
                "choice": f"{route.edge.letter} at step {numbers[route.edge.source]}, rated {route.edge.rating}",
                "leads to": _destination(route.edge, numbers),
                "said": f"Choice {route.edge.letter} at step {numbers[route.edge.source]}, rated {route.edge.rating}, leads to {_destination(route.edge, numbers)}",
            }
            for route in paths
        ]
    )
    heads = pd.DataFrame(_arrowheads(paths))
    nodes = pd.DataFrame(
        [
            {
                "id": node.id,
                "x": float(node.layer),
                "y": node.y,
                "label": node.label,
                "kind": node.kind,
                "badge": _badge(node),
                "flagged": node.kind == "missing" or not node.reachable or node.dead_end,
                "open": node.id == open_step,
                "step": _node_title(node),
                "reached": _arrival_text(graph, node.id) if node.kind == "step" else "",
                "prompt": _short(node.prompt),
                "said": ", ".join(
                    part
                    for part in (
                        _node_title(node),
                        _badge(node) if node.kind == "step" else "",
                        _arrival_text(graph, node.id) if node.kind == "step" else "",
                    )
                    if part
                )
                + (f": {_short(node.prompt)}" if node.prompt else ""),
            }
            for node in graph.nodes
        ]
    )
    route_ys = [y for route in paths for _, y in route.points]
    low = min([*route_ys, *nodes["y"]]) - 0.4
    high = max(max(route_ys, default=0) + 0.3, max(nodes["y"]) + 0.55)  # room for the badges under the lowest nodes
    height = round((high - low) * ROW_PX)
    x_scale = alt.Scale(domain=[-0.5, graph.layers - 0.5], nice=False, zero=False)
    y_scale = alt.Scale(domain=[low, high], nice=False, zero=False, reverse=True)
    x, y = alt.X("x:Q", axis=None, scale=x_scale), alt.Y("y:Q", axis=None, scale=y_scale)
    rating_scale = alt.Scale(domain=list(RATINGS), range=[RATING_COLOUR[r] for r in RATINGS])
    legend = alt.Legend(
        title="Choice rated",
        orient="bottom",
        direction="horizontal",
        columns=2,  # two rows of two: a row of four is cut off on a phone
        symbolStrokeWidth=3,
        symbolSize=300,
        labelFontSize=13,
        titleFontSize=13,
    )

    arrows = (
        alt.Chart(lines)
        .mark_line(strokeWidth=2.5, interpolate="linear", aria=False)
        .encode(
            x=x,
            y=y,
            detail="arrow:N",
            order="order:Q",
            color=alt.Color("rating:N", scale=rating_scale, legend=legend),
            strokeDash=alt.StrokeDash(
                "rating:N", scale=alt.Scale(domain=list(RATINGS), range=[RATING_DASH[r] for r in RATINGS]), legend=legend
            ),
        )
    )
    # An arrowhead sits on the last leg, just outside the target; its angle is worked out in pixels, from the
    # chart's width at the moment it is drawn, so it points true at any screen width.
    x_span, y_span = graph.layers, high - low
    to_px_x, to_px_y = f"(width / {x_span})", f"({height} / {y_span})"
    angle = f"atan2((datum.ty - datum.py) * {to_px_y}, (datum.tx - datum.px) * {to_px_x})"
    arrowheads = (
        alt.Chart(heads)
        .transform_calculate(angle_rad=angle)
        .transform_calculate(
            hx=f"datum.tx - cos(datum.angle_rad) * {NODE_RADIUS + 6} / {to_px_x}",
            hy=f"datum.ty - sin(datum.angle_rad) * {NODE_RADIUS + 6} / {to_px_y}",
            angle_deg="datum.angle_rad * 180 / PI",
        )
        .mark_point(shape="triangle-right", filled=True, size=110, opacity=1, aria=False)
        .encode(
            x=alt.X("hx:Q", scale=x_scale, axis=None),
            y=alt.Y("hy:Q", scale=y_scale, axis=None),
            angle=alt.Angle("angle_deg:Q", scale=None),
            color=alt.value(INK),
        )
    )
    label_base = alt.Chart(labels).encode(x=x, y=y, tooltip=["choice:N", "leads to:N"])
    letter_discs = label_base.mark_circle(size=260, color="white", opacity=1, aria=False)
    letters = label_base.mark_text(fontSize=12, fontWeight="bold").encode(
        text="letter:N", color=alt.Color("rating:N", scale=rating_scale, legend=None), description="said:N"
    )

    node_base = alt.Chart(nodes).encode(
        x=x,
        y=y,
        tooltip=[alt.Tooltip("step:N", title="Step"), alt.Tooltip("reached:N", title="Reached"), alt.Tooltip("prompt:N", title="Prompt")],
    )
    node_shape = alt.Shape("kind:N", scale=alt.Scale(domain=["step", "end", "missing"], range=["circle", "square", "diamond"]), legend=None)
    discs = node_base.mark_point(filled=True, size=NODE_SIZE, opacity=1, aria=False).encode(
        shape=node_shape,
        fill=alt.condition("datum.open", alt.value(INK), alt.value("white")),
        stroke=alt.condition("datum.flagged", alt.value(FLAG_COLOUR), alt.value(INK)),
        strokeWidth=alt.condition("datum.flagged", alt.value(3.5), alt.value(2)),
    )
    numbers_text = node_base.mark_text(fontSize=14, fontWeight="bold", aria=False).encode(
        text="label:N", color=alt.condition("datum.open", alt.value("white"), alt.value(INK))
    )
    badges = node_base.mark_text(fontSize=11, dy=NODE_RADIUS + 9, fontWeight="bold", aria=False).encode(
        text="badge:N", color=alt.condition("datum.flagged", alt.value(FLAG_COLOUR), alt.value(INK))
    )
    # Clicks land on an invisible disc over each node, so a click on the number inside counts as well.
    targets = (
        node_base.mark_point(filled=True, size=NODE_SIZE + 300, opacity=0.001, cursor="pointer")
        .encode(shape=node_shape, description="said:N")
        .add_params(alt.selection_point(name=SELECTION, fields=["id"], on="click", clear=False))
    )
    return (
        alt.layer(arrows, arrowheads, letter_discs, letters, discs, numbers_text, badges, targets)
        .properties(height=height)
        .configure_view(stroke=None)
    )


def _arrival_text(graph: BranchGraph, step_id: str) -> str:
    node = graph.node(step_id)
    if node.number == 1:
        return "where every trainee starts"
    if not node.reachable:
        return "no choice leads here"
    by_source: dict[str, list[str]] = defaultdict(list)
    for edge in graph.arrivals(step_id):
        by_source[edge.source].append(edge.letter)
    parts = [
        f"after choice{'s' if len(letters) > 1 else ''} {_either(letters)} at step {graph.node(source).number}"
        for source, letters in sorted(by_source.items(), key=lambda item: graph.node(item[0]).number)
    ]
    return "; or ".join(parts)


def step_heading(graph: BranchGraph, step_id: str) -> str:
    """E.g. "Step 3 — after choice B at step 1"."""
    return f"Step {graph.node(step_id).number} — {_arrival_text(graph, step_id)}"


def _leads_to(graph: BranchGraph, edge: Edge) -> str:
    if edge.ends:
        return "ends the scenario"
    if edge.broken:
        return f"names a step '{plain(missing_name(edge.target))}' the file does not have"
    return f"→ step {graph.node(edge.target).number}"


def _open_step(scenario: Scenario, graph: BranchGraph, step_id: str) -> None:
    step = scenario.step(step_id)
    edges = {edge.option_id: edge for edge in graph.edges if edge.source == step_id}
    with st.container(border=True):
        st.markdown(f"**{step_heading(graph, step_id)}**")
        node = graph.node(step_id)
        if node.dead_end:
            st.error("Dead end: no sequence of choices from this step ever ends the scenario.")
        if not node.reachable:
            st.error("Unreachable: no choice from the first step leads here; point an option's 'next' at it or remove it.")
        st.markdown(plain(step.prompt))
        st.markdown(
            "\n".join(
                f"- **{edges[o.id].letter}** · *{RATING_WORD[o.rating]}* · {_leads_to(graph, edges[o.id])}: {plain(o.text)}"
                for o in step.options
            )
        )


def branch_map(scenario: Scenario, key: str) -> str | None:
    """Draw the map and the step it has open; return that step's id (None until one is clicked or chosen)."""
    graph = branch_graph(scenario)
    chart_key, step_key, seen_key = f"{key}_chart", f"{key}_step", f"{key}_clicked"
    # A click on the map opens its step in the list below; reading the click before drawing the map lets the
    # map show that step as open on this very run.
    clicked = picked_step(st.session_state.get(chart_key), graph)
    if clicked != st.session_state.get(seen_key):
        st.session_state[seen_key] = clicked
        if clicked is not None:
            st.session_state[step_key] = clicked
    steps = [node.id for node in graph.steps]
    if st.session_state.get(step_key) not in steps:
        st.session_state[step_key] = None
    open_step = st.session_state.get(step_key)
    st.altair_chart(
        map_chart(graph, open_step),
        key=chart_key,
        on_select="rerun",
        selection_mode=SELECTION,
        width="stretch",
        alt=f"Branch map of {scenario.title}: {len(steps)} steps; the list under the map opens each one.",
    )
    problems = [
        f"{len(graph.unreachable)} step(s) cannot be reached" if graph.unreachable else "",
        f"{len(graph.dead_ends)} step(s) are dead ends" if graph.dead_ends else "",
        f"{len(graph.broken)} choice(s) name a step the file does not have" if graph.broken else "",
    ]
    if any(problems):
        st.error("; ".join(p for p in problems if p) + ". They are marked in red on the map.")
    labels = {node.id: f"Step {node.number}: {_short(node.prompt, 70)}" for node in graph.steps}
    chosen = st.selectbox(
        "Open a step",
        steps,
        format_func=labels.__getitem__,
        index=None,
        key=step_key,
        placeholder="Click a step in the map, or choose it here",
        help="Each arrow is a choice, lettered as in the file and coloured by its rating; dashed arrows are rated poor or harmful.",
    )
    if chosen is not None:
        _open_step(scenario, graph, chosen)
    return chosen


def _either(letters: list[str]) -> str:
    return letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " or " + letters[-1]
