"""Charts people would rather look at than read; every mark carries its number in words too."""

import altair as alt
import pandas as pd


def profile_chart(profile: pd.DataFrame) -> alt.LayerChart:
    """Upheld rate per part, labelled "upheld k of n"."""
    data = profile.assign(
        rate=profile["upheld rate"].fillna(0),
        label=[f"upheld {u} of {n}" if n else "not met yet" for u, n in zip(profile["upheld"], profile["at stake"], strict=True)],
    )
    y = alt.Y("part:N", sort=list(profile["part"]), title=None)
    bars = alt.Chart(data).mark_bar(color="#1b7837").encode(
        y=y,
        x=alt.X("rate:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title="upheld when at stake"),
        tooltip=["part", "at stake", "upheld", "undermined"],
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(y=y, x="rate:Q", text="label:N")
    return (bars + labels).properties(height=alt.Step(34))


FEW = 3  # answers below which a heatmap cell is drawn pale


def heatmap(frame: pd.DataFrame) -> alt.LayerChart:
    """Trainee x part on a diverging scale (red low, blue high, white at 50 %), so weak cells stand out; each cell
    is labelled with its percentage and n, the answers that put the part at stake ('n/a', unshaded, when none did)."""
    data = frame.assign(
        label=[f"{r:.0%} · n={n}" if n else "n/a" for r, n in zip(frame["upheld rate"].fillna(0), frame["at stake"], strict=True)],
        shade=frame["upheld rate"],
    )
    parts = list(dict.fromkeys(frame["part"]))
    base = alt.Chart(data).encode(x=alt.X("part:N", sort=parts, title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("trainee:N", title=None))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("shade:Q", scale=alt.Scale(domain=[0, 1], domainMid=0.5, scheme="redblue"), title="upheld rate", legend=alt.Legend(format="%")),
        # Pale where fewer than FEW answers put the part at stake: one answer makes a 0 % or a 100 %.
        opacity=alt.condition(f"datum['at stake'] < {FEW}", alt.value(0.35), alt.value(1.0)),
        tooltip=["trainee", "part", alt.Tooltip("upheld rate:Q", format=".0%"), "at stake"],
    )
    text = base.mark_text(fontWeight="bold").encode(
        text="label:N",
        color=alt.condition(f"isValid(datum.shade) && datum['at stake'] >= {FEW} && (datum.shade < 0.2 || datum.shade > 0.8)", alt.value("white"), alt.value("black")),
    )
    return (cells + text).properties(height=alt.Step(30))


def coverage_heatmap(cells: pd.DataFrame) -> alt.LayerChart:
    """Part x difficulty counts, each cell labelled with its number."""
    base = alt.Chart(cells).encode(
        x=alt.X("difficulty:N", sort=["intro", "intermediate", "advanced"], title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("part:N", sort=list(dict.fromkeys(cells["part"])), title=None),
    )
    rects = base.mark_rect(stroke="white").encode(color=alt.Color("scenarios:Q", scale=alt.Scale(scheme="blues"), title="scenarios"))
    text = base.mark_text(fontWeight="bold").encode(text="scenarios:Q")
    return (rects + text).properties(height=alt.Step(34))
