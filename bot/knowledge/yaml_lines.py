"""YAML loading that remembers where every value stands, so errors can name the line."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser where it is installed (about 20x faster); the pure-Python one else.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class LocatedData:
    data: Any
    lines: dict[PathKey, int]  # path of a value -> 1-based line where it starts

    def line_of(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def _syntax_error(error: yaml.YAMLError) -> YamlSyntaxError:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return YamlSyntaxError(mark.line + 1 if mark else None, f"not valid YAML: {problem}")


def load_located(text: str) -> LocatedData:
    """Parse `text` once, keeping every value's line.

    Anchors and aliases (`&name`, `*name`) are read as YAML means them (files of an
    earlier release used them, so they must keep loading), within bounds: a few hundred
    bytes of nested aliases expand to gigabytes, and a self-referencing one recurses
    without end. The values built are capped by the file's size, and an alias inside
    the value it names is refused, each with the line and the fix."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise _syntax_error(error) from None
    except RecursionError:
        raise YamlSyntaxError(None, "not valid YAML: nested too deeply") from None
    lines: dict[PathKey, int] = {}
    try:
        converter = _Converter(lines, MIN_VALUES + VALUES_PER_CHAR * len(text))
        data = converter.convert(node, ()) if node is not None else None
    except RecursionError:
        raise YamlSyntaxError(None, "not valid YAML: nested too deeply") from None
    return LocatedData(data, lines)


MERGE_TAG = "tag:yaml.org,2002:merge"
# The values a file may hold, aliases expanded: no written file comes near it, an alias
# bomb passes it within a few thousand values.
MIN_VALUES = 1_000
VALUES_PER_CHAR = 4


class _Converter:
    def __init__(self, lines: dict[PathKey, int], budget: int) -> None:
        self.lines = lines
        self.budget = budget
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the values being built, outermost first

    def convert(self, node: yaml.Node, path: PathKey, used_at: int | None = None) -> Any:
        if id(node) in self.open:
            raise YamlSyntaxError(
                used_at,
                "an alias (*name) stands inside the value it names, which never ends: "
                "write the value out in full",
            )
        self.budget -= 1
        if self.budget < 0:
            raise YamlSyntaxError(
                used_at,
                "anchors and aliases (&name, *name) expand to far more values than the "
                "file holds: write the values out in full",
            )
        again = id(node) in self.seen
        self.seen.add(id(node))
        line = node.start_mark.line + 1
        # An alias's value is named where the alias stands.
        self.lines[path] = used_at if again and used_at is not None else line
        if isinstance(node, yaml.MappingNode):
            self.open.add(id(node))
            try:
                return self._mapping(node, path)
            finally:
                self.open.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.open.add(id(node))
            try:
                return [self.convert(item, (*path, i), line) for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                # `<<: *defaults`: the keys of the named mapping(s) this one lacks.
                merged = {**self._merged(value_node, path, key_node), **merged}
                continue
            key = (
                _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            )
            key_line = key_node.start_mark.line + 1
            if key in result:
                # Plain YAML keeps the last of two equal keys silently; an editor wants
                # to know.
                raise YamlSyntaxError(
                    key_line, f"the key '{key}' appears twice (keep one: remove this one)"
                )
            result[key] = self.convert(value_node, (*path, str(key)), key_line)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _merged(self, node: yaml.Node, path: PathKey, key_node: yaml.Node) -> dict[Any, Any]:
        line = key_node.start_mark.line + 1
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[Any, Any] = {}
        for source in reversed(sources):  # the first named wins
            value = self.convert(source, path, line)
            if not isinstance(value, dict):
                raise YamlSyntaxError(line, "`<<:` merges mappings only (key: value pairs)")
            merged.update(value)
        return merged


def _scalar(node: yaml.Node) -> Any:
    # Resolve the scalar's type (int, bool, str, ...) exactly as yaml.safe_load would.
    constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
    yaml.constructor.SafeConstructor.__init__(constructor)
    value = constructor.construct_object(node, deep=True)
    # An unquoted date ("published: 2025-03-18") is a date to YAML; every date a
    # knowledge or config file holds is text, so it is read as written.
    if isinstance(value, datetime.date):
        return str(node.value)
    return value
