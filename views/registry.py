"""Every screen of the app, once: where its script is, its title and icon, who may see it.

main.py builds the navigation from here, pages link to each other through these objects (never
by a typed path), and the tests import the same list instead of reading main.py. Supervisor sign-in
is not a screen: its form is served by the app's own server (web/auth.py), linked from the menu.
"""

from dataclasses import dataclass
from typing import Literal

import streamlit as st

Audience = Literal["everyone", "trainee", "supervisor"]
Section = Literal["Trainer", "Authors", "Supervisors"]


@dataclass(frozen=True)
class Screen:
    path: str  # the page script, relative to the app's folder
    title: str
    icon: str
    section: Section
    audience: Audience = "everyone"
    default: bool = False
    hidden: bool = False  # in the navigation (so it can be opened) but not in the menu: reached by a button
    listed_for: Audience = "everyone"  # in the menu only for these; others reach it by a link

    def page(self, hidden: bool | None = None) -> st.Page:
        hide = self.hidden if hidden is None else hidden
        return st.Page(self.path, title=self.title, icon=self.icon, default=self.default, visibility="hidden" if hide else "visible")

    def listed(self, *, trainee: bool, supervisor: bool) -> bool:
        """In the menu for this visitor (a screen may be open to all yet listed only for supervisors)."""
        if self.hidden:
            return False
        return self.listed_for == "everyone" or (self.listed_for == "supervisor" and supervisor) or (self.listed_for == "trainee" and trainee)

    def shown_to(self, *, trainee: bool, supervisor: bool) -> bool:
        if self.audience == "trainee":
            return trainee
        if self.audience == "supervisor":
            return supervisor
        return True


HOME = Screen("views/pages/home.py", "Home", ":material/home:", "Trainer", default=True)
LEARN = Screen("views/pages/definition.py", "Learn the definition", ":material/menu_book:", "Trainer")
PRACTICE = Screen("views/pages/practice.py", "Practice", ":material/exercise:", "Trainer")
MY_ASSIGNMENTS = Screen("views/pages/my_assignments.py", "My assignments", ":material/assignment:", "Trainer", "trainee")
# One assignment, opened from My assignments or Home: its own page, so that the menu's "My assignments"
# (another page) always returns to the list; which assignment is in the address (?assignment=ID).
ASSIGNMENT = Screen("views/pages/assignment.py", "Assignment", ":material/assignment:", "Trainer", "trainee", hidden=True)
PROGRESS = Screen("views/pages/progress.py", "My progress", ":material/insights:", "Trainer")
# Open to anyone (a broken file's notice links to it), listed only for supervisors: trainees found it a developer's page.
SCENARIO_FILES = Screen("views/pages/scenario_files.py", "Scenario files", ":material/description:", "Authors", listed_for="supervisor")
COHORTS = Screen("views/pages/cohorts.py", "Cohorts and links", ":material/groups:", "Supervisors", "supervisor")
ASSIGN = Screen("views/pages/assign.py", "Assignments", ":material/assignment_add:", "Supervisors", "supervisor")
DASHBOARD = Screen("views/pages/dashboard.py", "Dashboard", ":material/monitoring:", "Supervisors", "supervisor")
AUTHOR = Screen("views/pages/author.py", "Author scenarios", ":material/edit_note:", "Supervisors", "supervisor")
EXPORT = Screen("views/pages/export.py", "Export scenarios", ":material/ios_share:", "Supervisors", "supervisor")
ACCOUNT = Screen("views/pages/account.py", "Your account", ":material/manage_accounts:", "Supervisors", "supervisor")
SIGN_OUT = Screen("views/pages/sign_out.py", "Sign out", ":material/logout:", "Supervisors", "supervisor")

SCREENS: tuple[Screen, ...] = (
    HOME, LEARN, PRACTICE, MY_ASSIGNMENTS, ASSIGNMENT, PROGRESS, SCENARIO_FILES, COHORTS, ASSIGN, DASHBOARD, AUTHOR, EXPORT, ACCOUNT, SIGN_OUT,
)
SUPERVISOR_SCREENS = tuple(s for s in SCREENS if s.audience == "supervisor" and s is not SIGN_OUT)


def visible(*, trainee: bool, supervisor: bool) -> dict[Section, list[Screen]]:
    """The menu for this visitor, by section, in the registry's order."""
    menu: dict[Section, list[Screen]] = {"Trainer": [], "Authors": [], "Supervisors": []}
    for screen in SCREENS:
        if screen.shown_to(trainee=trainee, supervisor=supervisor):
            menu[screen.section].append(screen)
    return menu
