"""Settings and caches an attacker could otherwise lean on (issue 21, findings 7 and 12)."""

import tomllib

import streamlit as st
from apptest_helpers import ROOT, open_app

import views.parts.common as common


def test_the_server_settings_keep_the_agent_api_off_and_drop_closed_sessions_soon():
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["enableAgentApi"] is False
    assert server["disconnectedSessionTTL"] <= 30
    assert server["maxUploadSize"] == 2


def test_clearing_streamlits_caches_does_not_reload_the_library_or_rerun_the_migrations(monkeypatch):
    """Any visitor can send Streamlit's "clear cache" message; it must not cost every user a reload."""
    open_app("views/pages/practice.py")  # library and database are ready
    loads, migrations = [], []
    monkeypatch.setattr(common, "load_library", lambda: loads.append(1))
    monkeypatch.setattr(common, "migrate", lambda engine: migrations.append(1))
    st.cache_data.clear()  # what Streamlit does on that message
    st.cache_resource.clear()
    at = open_app("views/pages/practice.py")
    assert not at.exception
    assert loads == [] and migrations == []
