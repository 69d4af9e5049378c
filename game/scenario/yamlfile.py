"""Safe YAML reading with line numbers for every field.

Files are parsed twice from the same text: ``yaml.compose`` keeps the node tree
with positions, ``yaml.safe_load`` builds the plain data. Pydantic errors carry a
location path (``events[3].effects[0].country``) that :func:`line_of` walks
through the node tree to a line number. Anchors and aliases are refused (no
scenario needs them, and they make "billion laughs" bombs possible), as are
duplicate keys, which YAML would otherwise resolve silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from game.i18n.catalog import N_, _
from game.scenario.basics import QUARTER_RANGE, QUARTER_RANGE_PATTERN
from game.scenario.errors import InputFileError, Problem
from game.scenario.files import read_limited

MAX_FILE_BYTES = 2_000_000
# libyaml's C loader when available (same safe behaviour, about ten times faster).
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 40

ModelT = TypeVar("ModelT", bound=BaseModel)
PathPart = str | int


# What PyYAML's context names, in the words of someone who wrote the file.
UNCLOSED = {"flow mapping": N_("the '{'"), "flow sequence": N_("the '['"), "quoted scalar": N_("the quoted text")}
# Every complaint of PyYAML's scanner, parser, composer and constructor (pure Python and libyaml, whose words
# differ: "... not allowed here" / "... not allowed in this context"), in the words of someone who wrote the file:
# a complaint is known when its text contains one of the fragments; the first match wins. Anything else is said
# as a general sentence, with the library's words after it as a detail.
YAML_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("',' or '}'",), N_("a ',' or '}' was expected here")),
    (("',' or ']'",), N_("a ',' or ']' was expected here")),
    (("mapping values are not allowed",), N_("a ':' where no key can start (put text with ': ' in quotes)")),
    (("found unexpected ':'",), N_("a ':' inside '[…]' or '{…}' (put text with ':' in quotes)")),
    (("mapping keys are not allowed",), N_("a key where none can start (check the indentation)")),
    (("sequence entries are not allowed",), N_("a '-' list item where none can start (check the indentation)")),
    (("could not find expected ':'",), N_("a ':' was expected after the key")),
    (("found a tab character",), N_("a tab character where the indentation counts: indent with spaces")),
    (("found character",), N_("a character that cannot start a value here (a tab? indent with spaces)")),
    (("found unexpected end of stream",), N_("the file ends before the text in quotes is closed")),
    (("did not find expected key", "expected <block end>"), N_("a key was expected here (check the indentation)")),
    (("did not find expected '-' indicator",), N_("a '-' list item was expected here (check the indentation)")),
    (("invalid indentation or unclosed",), N_("the indentation is wrong here, or a '[' or '{' above is not closed")),
    (("node content",), N_("a value was expected here")),
    (("document start", "document separator", "document indicator", "another document", "single document",
      "DOCUMENT-", "STREAM-"),
     N_("a second document starts here ('---' or '...'): a file holds one document")),
    (("tag", "directive", "'!'", "URI", "version number", "digit", "incompatible YAML document"),
     N_("a YAML tag or directive (a word that starts with '!' or '%') that the game does not read: remove it, or "
        "put the text in quotes")),
    (("escape", "hexdecimal number"),
     N_("a backslash in double quotes that starts no known escape (write \\\\, or use single quotes)")),
    (("chomping", "indentation indicator"),
     N_("after '|' or '>' only '+', '-' or a digit from 1 to 9 may stand (put text that starts with '|' or '>' in "
        "quotes)")),
    (("comment or a line break", "comment or line break"), N_("only a comment may follow here on the same line")),
    (("expected whitespace", "expected ' '"), N_("a space was expected here")),
    (("alphabetic or numeric", "non-alphabetical"),
     N_("a name was expected after '&' or '*' (put text that starts with '&', '*' or '!' in quotes)")),
    (("alias", "anchor"), N_("YAML anchors and aliases are not allowed")),
    (("unhashable key", "unacceptable key"), N_("a list or mapping used as a key: a key is a plain word")),
    (("maximum nesting depth",), N_("the nesting is too deep")),
)
UNKNOWN_PROBLEM = N_("the file's YAML structure is broken here (the YAML reader says: {detail})")


def yaml_problem_words(problem: str, context: str = "") -> str:
    """A PyYAML complaint in the player's language: our words for a known one, else the general sentence with the
    library's words as a detail. ``context`` tells pure PyYAML's "expected <block end>" apart: in a list it wanted
    another '-' item (libyaml says so itself)."""
    if "expected <block end>" in problem and "collection" in context:
        problem = "did not find expected '-' indicator"
    known = next((words for fragments, words in YAML_PROBLEMS if any(part in problem for part in fragments)), None)
    return _(known) if known else _(UNKNOWN_PROBLEM).format(detail=problem or "?")


def format_path(path: Sequence[PathPart]) -> str:
    """``('events', 3, 'at')`` → ``events[3].at``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


class YamlDocument:
    """A YAML file's data together with its node tree, for line lookups."""

    def __init__(self, name: str, data: Any, root: yaml.Node | None) -> None:
        self.name = name
        self.data = data
        self.root = root

    def node_at(self, path: Sequence[PathPart]) -> yaml.Node | None:
        """The deepest node along `path` (parts that are not keys, like union tags, are skipped)."""
        return self.walk(path)[0]

    def walk(self, path: Sequence[PathPart]) -> tuple[yaml.Node | None, list[PathPart]]:
        """Follow `path` through the node tree: the deepest node reached and the parts that were keys.

        Parts that are not keys in the file (a tagged union's tag) are dropped; a
        final part that names a missing or unknown key is kept so the message names it.
        """
        node = self.root
        kept: list[PathPart] = []
        for position, part in enumerate(path):
            last = position == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                child = next(
                    (value for key, value in node.value if getattr(key, "value", None) == str(part)),
                    None,
                )
                if child is not None:
                    node = child
                    kept.append(part)
                elif last:
                    kept.append(part)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                kept.append(part)
            elif last and not isinstance(node, yaml.ScalarNode):
                kept.append(part)
        return node, kept

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """1-based line of the field at `path`, or of its nearest existing parent."""
        node = self.node_at(path)
        return node.start_mark.line + 1 if node is not None else None

    def problem(self, path: Sequence[PathPart], message: str) -> Problem:
        """A problem at `path` in this file."""
        return Problem(self.name, self.line_of(path), format_path(path), message)


MERGE_TAG = "tag:yaml.org,2002:merge"


def _check_tree(name: str, node: yaml.Node, depth: int = 0) -> list[Problem]:
    """Duplicate keys and excessive nesting, found on the composed tree."""
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        return [Problem(name, line, "", _("nesting deeper than {levels} levels").format(levels=MAX_DEPTH))]
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            key_text = str(getattr(key, "value", ""))
            if key.tag == MERGE_TAG:  # merged keys would bypass the duplicate check (and hide where they came from)
                message = _("YAML merge keys (<<) are not allowed; write the keys out")
                problems.append(Problem(name, key.start_mark.line + 1, key_text, message))
            elif key_text in seen:
                problems.append(
                    Problem(name, key.start_mark.line + 1, key_text, _("duplicate key"))
                )
            seen.add(key_text)
            problems += _check_tree(name, value, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += _check_tree(name, item, depth + 1)
    return problems


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read a YAML file safely, or raise :class:`InputFileError` with one clear problem."""
    name = display_name or str(path)
    raw = read_limited(path, MAX_FILE_BYTES, name)
    return parse_yaml_bytes(raw, name)


def yaml_syntax_problem(name: str, text: str, error: yaml.YAMLError) -> Problem:
    """What PyYAML refused in ``text``, in the player's words, at the line to look at."""
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML refuses (a control character)
        line = text[: error.position].count("\n") + 1 if 0 <= error.position <= len(text) else None
        return Problem(name, line, "", _("YAML syntax: {reason}").format(
            reason=_("a character a YAML file may not hold (a control character?)")))
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(name, None, "", _("YAML syntax: {reason}").format(reason=yaml_problem_words(str(error))))
    mark = error.problem_mark or error.context_mark
    reason = yaml_problem_words(error.problem or "", error.context or "")
    opened = next((words for kind, words in UNCLOSED.items() if kind in (error.context or "")), None)
    later = error.problem_mark is None or (
        error.context_mark is not None and error.problem_mark.line != error.context_mark.line)
    if error.context_mark is not None and opened is not None and later:
        # An unclosed '{', '[' or quote is noticed lines later (or past the end): name where it opened (a bad
        # escape inside quotes closed on the same line is no unclosed quote).
        mark = error.context_mark
        reason = _("{reason} ({opened} that starts on this line is not closed)").format(
            reason=reason, opened=_(opened))
    line = mark.line + 1 if mark is not None else None
    return Problem(name, line, "", _("YAML syntax: {reason}").format(reason=reason))


def parse_yaml_bytes(raw: bytes, name: str) -> YamlDocument:
    """Parse YAML text given as bytes (must be UTF-8)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputFileError([Problem(name, line, "", _("file is not UTF-8 text"))]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputFileError([Problem(name, line, "", _("file contains binary (NUL) bytes"))])
    try:
        depth = 0
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            # Depth is counted on the event stream, before anything recursive (libyaml's
            # composer has no recursion guard) sees the document.
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    start = event.start_mark
                    deep_line = start.line + 1 if start is not None else None
                    too_deep = _("nesting deeper than {levels} levels").format(levels=MAX_DEPTH)
                    raise InputFileError([Problem(name, deep_line, "", too_deep)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                start = event.start_mark
                alias_line = start.line + 1 if start is not None else None
                raise InputFileError([Problem(name, alias_line, "", _("YAML anchors and aliases are not allowed"))])
        root = yaml.compose(text, Loader=SAFE_LOADER)
        # Checked before the data is built from the tree: building it merges '<<' keys into the tree itself.
        problems = [] if root is None else _check_tree(name, root)
        # The data from the tree just composed (yaml.load would parse and compose the text again).
        data = None if root is None or problems else SAFE_LOADER("").construct_document(root)
    except yaml.YAMLError as error:
        raise InputFileError([yaml_syntax_problem(name, text, error)]) from None
    except RecursionError:
        raise InputFileError([Problem(name, None, "", _("the nesting is too deep"))]) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise InputFileError([Problem(name, None, "", _("unreadable value: {detail}").format(
            detail=error))]) from None
    if root is None:
        raise InputFileError([Problem(name, 1, "", _("file is empty"))])
    if problems:
        raise InputFileError(problems)
    return YamlDocument(name, data, root)


def _known_field_names(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [model]
    seen: set[type[BaseModel]] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for field_name, info in current.model_fields.items():
            names.add(info.alias or field_name)
            for candidate in _models_in(info.annotation):
                pending.append(candidate)
    return names


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(argument)
    metadata_origin = getattr(annotation, "__origin__", None)
    if metadata_origin is not None and metadata_origin is not annotation:
        yield from _models_in(metadata_origin)


def _message(error: Any, known_fields: set[str]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = expected.replace("'", "").replace(" or ", ", ")
        return _("{value} is not one of {options}").format(value=repr(value), options=options)
    if kind == "missing":
        return _("missing required field")
    if kind == "extra_forbidden":
        field = str(error["loc"][-1]) if error["loc"] else ""
        hint = difflib.get_close_matches(field, sorted(known_fields), n=1)
        return _("unknown field; did you mean '{field}'?").format(field=hint[0]) if hint else _("unknown field")
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        tag = error.get("ctx", {}).get("tag", value)
        return _("{value} is not one of {options}").format(value=repr(tag), options=expected.replace(chr(39), ""))
    if kind == "union_tag_not_found":
        field = error.get("ctx", {}).get("discriminator", "type").strip(chr(39))
        return _("missing '{field}'").format(field=field)
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == QUARTER_RANGE_PATTERN:
        return _("{value} is not a quarter from {first} to {last} (written like 2023Q4)").format(
            value=repr(value), first=QUARTER_RANGE[0], last=QUARTER_RANGE[1]
        )
    if kind == "string_pattern_mismatch":
        return _("{value} does not match the expected form {pattern}").format(
            value=repr(value), pattern=error["ctx"]["pattern"]
        )
    text = str(error["msg"])
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    if value is not None and not isinstance(value, dict | list):
        return f"{text} (got {value!r})"
    return text


def validate_document(document: YamlDocument, model: type[ModelT]) -> ModelT:
    """Validate a document against a model, or raise with one problem per error."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        known = _known_field_names(model)
        problems = []
        for item in error.errors():
            path = [part for part in item["loc"] if isinstance(part, int | str)]
            if item["type"] in ("union_tag_invalid", "union_tag_not_found"):
                path.append(str(item.get("ctx", {}).get("discriminator", "type")).strip("'"))
            problems.append(document.problem(document.walk(path)[1], _message(item, known)))
        raise InputFileError(_unique(problems)) from None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    result = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            result.append(problem)
    return result
