"""Accessibility checks on a live page: axe-core from npm, and a walk with the Tab key."""

import os
from pathlib import Path

import pytest
from conftest import READY

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""

# Every visible control gets a group: radios of one group and tabs of one tablist are reached with
# the arrow keys once Tab has entered them, so reaching any member reaches the group. A compound
# widget (select box, number input, file uploader) is one group too: its small "Open", "+" and "-"
# buttons repeat what the arrow keys do in its focused input, and stay out of the Tab order.
MARK_CONTROLS = """() => {
  const shown = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('[aria-hidden="true"], [inert]');
  };
  const selector = 'a[href], button, input:not([type=hidden]), textarea, select, summary, [role=tab], [tabindex]:not([tabindex="-1"])';
  const WIDGETS = ['stSelectbox', 'stMultiSelect', 'stNumberInput', 'stFileUploader', 'stDateInput', 'stTimeInput'].map(id => `[data-testid=${id}]`).join(', ');
  const groups = new Set();
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    const target = el.type === 'radio' || el.type === 'file' ? el.closest('label, section') || el : el;
    if (!shown(target)) continue;
    let group;
    const widget = el.closest(WIDGETS);
    if (widget) group = 'widget:' + [...document.querySelectorAll(WIDGETS)].indexOf(widget) + ':' + (widget.querySelector('label')?.innerText || '').trim().slice(0, 50);
    else if (el.type === 'radio') group = 'radio:' + (el.name || el.closest('[role=radiogroup]')?.getAttribute('aria-label'));
    else if (el.getAttribute('role') === 'tab') group = 'tabs:' + [...document.querySelectorAll('[role=tablist]')].indexOf(el.closest('[role=tablist]'));
    else group = 'control:' + groups.size + ':' + (el.getAttribute('aria-label') || el.innerText || el.name || el.tagName).trim().slice(0, 50);
    el.dataset.keyboardGroup = group;
    groups.add(group);
  }
  return [...groups];
}"""
FOCUSED_GROUP = "() => document.activeElement?.closest('[data-keyboard-group]')?.dataset.keyboardGroup || null"


def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core missing at {AXE}: .ci/run installs it with `npm ci`")
        pytest.skip(f"axe-core not installed at {AXE}: run `npm ci` in the repository to run the accessibility test")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, source: str) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate(RUN_AXE)


MARKED_GROUPS = "() => new Set([...document.querySelectorAll('[data-keyboard-group]')].map(el => el.dataset.keyboardGroup)).size"


def unreachable_by_tab(page, max_presses: int = 250) -> tuple[int, list[str]]:
    """Press Tab through the page; return how many control groups it has and which were never focused.

    The walk is made again, once, if the page redrew its controls meanwhile (their marks are gone, so
    nothing could count as reached): that happened once in CI, on one screen, with every control missed.
    """
    count, missed = _tab_walk(page, max_presses)
    if missed:
        # A page still finishing a run (or redrawing its controls) can swallow a walk: seen in CI under load,
        # with the skip link itself "missed". Once more on a settled page; a control Tab cannot reach still fails.
        redrew = page.evaluate(MARKED_GROUPS) < count
        print(f"\nkeyboard walk: {len(missed)} of {count} missed{' (the page redrew its controls)' if redrew else ''}; walking again")
        page.wait_for_selector(READY)
        count, missed = _tab_walk(page, max_presses)
    return count, missed


def _tab_walk(page, max_presses: int) -> tuple[int, list[str]]:
    groups = set(page.evaluate(MARK_CONTROLS))
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.locator("body").focus()
    reached: set[str] = set()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        group = page.evaluate(FOCUSED_GROUP)
        if group:
            reached.add(group)
        if groups <= reached:
            break
    return len(groups), sorted(groups - reached)
