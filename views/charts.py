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
        x=alt.X("rate:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title="share of answers that upheld the part when it was at stake"),
        tooltip=["part", "at stake", "upheld", "undermined"],
    )
    labels = alt.Chart(data).mark_text(align="left", dx=4).encode(y=y, x="rate:Q", text="label:N")
    return (bars + labels).properties(height=alt.Step(34))
