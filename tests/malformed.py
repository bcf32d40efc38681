"""A folder of malformed scenario files, one per kind of bad input the loader must survive."""

from pathlib import Path

from scenarios.load import MAX_FILE_BYTES

# A frozen copy of a library scenario, so that editing the library never moves the lines below.
GOOD = (Path(__file__).resolve().parent / "fixtures" / "gift-example.yaml").read_text(encoding="utf-8")


def _replace(old: str, new: str) -> bytes:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1).replace("id: gift-from-a-work-trip", "id: variant", 1).encode()


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


# name -> (file bytes, expected line, words the message must contain)
MALFORMED: dict[str, tuple[bytes, int, str]] = {
    "empty.yaml": (b"", 1, "file is empty"),
    "a-list.yaml": (b"- id: one\n- id: two\n", 1, "holds a list"),
    "syntax-error.yaml": (b"id: broken\ntitle: [unclosed\ndifficulty: intro\n", 3, "is not closed properly"),
    "tab-indent.yaml": (b"id: tabs\nsteps:\n\t- id: one\n", 3, "tab character"),
    "invalid-utf8.yaml": (b"id: latin\ntitle: caf\xe9\n", 2, "not valid UTF-8"),
    "binary.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data"),
    "python-tag.yaml": (b"id: !!python/object/apply:os.system ['echo pwned']\n", 1, "YAML tags"),
    "alias-bomb.yaml": (_alias_bomb(), 1, "anchors"),
    "anchor.yaml": (GOOD.replace("difficulty: intermediate", "difficulty: &level intermediate").encode(), 4, "anchors"),
    "alias.yaml": (_replace("title: A souvenir from the islands", "title: *elsewhere"), 3, "aliases"),
    "duplicate-key.yaml": (_replace("difficulty: intermediate\n", "difficulty: intermediate\ndifficulty: advanced\n"), 5, "duplicate key 'difficulty'"),
    "deep-nesting.yaml": (("tags: " + "[" * 5000 + "]" * 5000 + "\n").encode(), 1, "nesting is deeper"),
    "too-large.yaml": (b"id: big\nsetting: |\n" + b"  padding padding padding\n" * (MAX_FILE_BYTES // 20), 1, "the limit is 256 KB"),
    "unknown-field.yaml": (_replace("tags: [gifts", "colour: blue\ntags: [gifts"), 6, "unknown field 'colour'"),
    "wrong-type.yaml": (_replace("parts: [for_the_client, relationship]", "parts: professional"), 5, "should be a list"),
    "bad-rating.yaml": (_replace("rating: best", "rating: excellent"), 20, "should be one of: best, acceptable, poor, harmful"),
    "dangling-next.yaml": (_replace("next: he-insists", "next: he-leaves"), 27, "no step 'he-leaves'"),
    "duplicate-id.yaml": (GOOD.encode(), 2, "already used by"),
}
# Files named to sort after the library's own, so the built-in scenario keeps its id.
DUPLICATE_OF_LIBRARY = "duplicate-id.yaml"


def write_malformed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _, _) in MALFORMED.items():
        (folder / name).write_bytes(data)
    return folder
