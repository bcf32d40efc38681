"""Saving authored scenarios: named by id, atomic, never overwriting without being told to."""

import pytest

from scenarios.authoring import TEMPLATE, save_scenario, saved_path, suspicious_name
from scenarios.load import load_bytes


def template_scenario():
    loaded, problems, _ = load_bytes(TEMPLATE.read_bytes(), "template.yaml")
    assert problems == []
    return loaded.scenario


def test_the_template_is_a_valid_scenario():
    assert template_scenario().id == "my-first-scenario"


def test_saving_is_named_by_id_and_refuses_to_overwrite(tmp_path):
    scenario = template_scenario()
    path = save_scenario(scenario, b"first", folder=tmp_path)
    assert path == (tmp_path / "my-first-scenario.yaml").resolve() and path.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        save_scenario(scenario, b"second", folder=tmp_path)
    assert path.read_bytes() == b"first"
    save_scenario(scenario, b"second", overwrite=True, folder=tmp_path)
    assert path.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["my-first-scenario.yaml"], "no temporary files are left behind"


def test_path_tricks_are_refused(tmp_path):
    with pytest.raises(ValueError):
        saved_path("../escape", tmp_path)
    assert suspicious_name("../../etc/passwd.yaml") and suspicious_name("a\\b.yaml") and not suspicious_name("gift.yaml")
