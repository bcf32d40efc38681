"""The app's own words for what PyYAML and pydantic report, kept as data in one place.

Authors see these sentences, never a third-party library's wording: a library upgrade that
rewords its errors changes nothing an author reads, and the tests assert these words only.
Each YAML entry pairs a fragment of libyaml's problem text with a message that says what to
do; pydantic errors are matched by their stable error `type`, not by their text.
"""

from collections.abc import Mapping
from typing import Any

NESTING = "nesting is deeper than {depth} levels; scenario files are never that deep"
TAB = "tab character used for indentation or as a separator; YAML allows spaces only, so replace it with spaces"
UNREADABLE_CHARACTER = "character U+{code:04X} cannot be used in YAML; delete it"
CONTROL_CHARACTER = (
    "contains an invisible control character ({code}), which can hide or reorder the text around it; delete it "
    "(most editors do not show it: retype the words around it)"
)
YAML_FALLBACK = "this line is not valid YAML; check that it is indented like its neighbours (spaces only) and that any text with ':' or quotes in it is wrapped in single quotes"

# (fragment of libyaml's problem or context, what the author reads). First match wins.
YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("nesting depth", NESTING),
    (
        "mapping values are not allowed",
        "a ': ' inside a value makes YAML read it as a new field; wrap the whole text in single quotes, "
        "e.g. text: 'She says: no' (write '' for an apostrophe inside)",
    ),
    (
        "did not find expected key",
        "this line does not line up with the fields around it, or a text that starts with a quote goes on after "
        "the closing quote; line it up with its neighbours, or wrap the whole text in single quotes",
    ),
    (
        "expected <block end>",
        "this line is indented differently from the lines above it; line it up with the field it belongs to",
    ),
    (
        "could not find expected ':'",
        "a line here is not a 'field: value' pair; a text that runs over several lines needs '|' after its "
        "field name and every following line indented",
    ),
    (
        "found unexpected end of stream",
        "a quote or bracket opened here is never closed; close it, or wrap the whole text in single quotes",
    ),
    (
        "while scanning a quoted scalar",
        "a quoted text here is never closed; add the closing quote (inside single quotes, write '' for an apostrophe)",
    ),
    (
        "found character that cannot start any token",
        "a value here starts with a character YAML reserves (such as ` @ % or a tab); wrap the whole text in single quotes",
    ),
    (
        "did not find expected node content",
        "a list or mapping here is missing a value; check for a stray comma, dash or bracket",
    ),
    (
        "did not find expected ',' or ']'",
        "a list written in [brackets] is not closed properly; close it with ']' and separate its items with commas",
    ),
    (
        "did not find expected ',' or '}'",
        "a mapping written in {braces} is not closed properly; close it with '}' and separate its items with commas",
    ),
    (
        "while parsing a block collection",
        "a list item here ('- ...') is indented differently from the items before it; line the dashes up",
    ),
)

# pydantic error type -> message; {placeholders} come from the error's ctx.
FIELD_PROBLEMS: Mapping[str, str] = {
    "missing": "required field '{field}' is missing",
    "list_type": "should be a list, e.g. [first, second]",
    "string_type": "should be text",
    "dict_type": "should be a set of 'field: value' lines indented under this one",
    "model_type": "should be a set of 'field: value' lines indented under this one",
    "model_attributes_type": "should be a set of 'field: value' lines indented under this one",
    "literal_error": "should be one of: {choices}",
    "string_too_short": "is empty; write some text here",
    "string_too_long": "is too long: at most {max_length} characters",
    "too_short": "needs at least {min_length} item(s)",
    "too_long": "has too many items: at most {max_length}",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "bool_type": "should be true or false",
    "string_pattern_mismatch": "use lower-case letters and digits, with single hyphens between words, e.g. gift-from-a-work-trip",
    "extra_forbidden": "unknown field '{field}'; allowed here: {allowed}",
}
FIELD_FALLBACK = "has a value of the wrong kind here; compare it with the template"


def yaml_problem(problem: str | None, context: str | None, **values: Any) -> str:
    """The author-facing sentence for one libyaml error."""
    said = f"{problem or ''} {context or ''}"
    for fragment, message in YAML_PROBLEMS:
        if fragment in said:
            # Only named placeholders are filled: some messages quote YAML's own braces.
            for name, value in values.items():
                message = message.replace("{" + name + "}", str(value))
            return message
    return YAML_FALLBACK


def field_problem(kind: str, ctx: Mapping[str, Any] | None, message: str, **values: Any) -> str:
    """The author-facing sentence for one pydantic error: by type, or the model's own ValueError text."""
    if kind == "value_error":  # raised by our own validators, in our own words
        return message.removeprefix("Value error, ")
    template = FIELD_PROBLEMS.get(kind)
    if template is None:
        return FIELD_FALLBACK
    fields = dict(ctx or {})
    fields.update(values)
    try:
        return template.format(**fields)
    except (KeyError, IndexError):
        return FIELD_FALLBACK
