"""YAML loading that remembers where every value stands, so errors can name the line."""

from __future__ import annotations

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

    Aliases (`*name`) are refused: knowledge and config files have no use for them, and
    a few hundred bytes of nested aliases expand to gigabytes, or, self-referencing,
    recurse without end. The composer shares an aliased node, so a node met twice is an
    alias, and refusing it keeps the work bounded by the file's size."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise _syntax_error(error) from None
    except RecursionError:
        raise YamlSyntaxError(None, "not valid YAML: nested too deeply") from None
    lines: dict[PathKey, int] = {}
    try:
        data = _Converter(lines).convert(node, ()) if node is not None else None
    except RecursionError:
        raise YamlSyntaxError(None, "not valid YAML: nested too deeply") from None
    return LocatedData(data, lines)


class _Converter:
    def __init__(self, lines: dict[PathKey, int]) -> None:
        self.lines = lines
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, path: PathKey, used_at: int | None = None) -> Any:
        if id(node) in self.seen:
            raise YamlSyntaxError(
                used_at,
                "anchors and aliases (&name, *name) are not supported: write the value out in full",
            )
        self.seen.add(id(node))
        line = node.start_mark.line + 1
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), line) for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            )
            key_line = key_node.start_mark.line + 1
            if key in result:
                # Plain YAML keeps the last of two equal keys silently; an editor wants
                # to know.
                raise YamlSyntaxError(key_line, f"the key '{key}' appears twice")
            result[key] = self.convert(value_node, (*path, str(key)), key_line)
        return result


def _scalar(node: yaml.Node) -> Any:
    # Resolve the scalar's type (int, bool, str, ...) exactly as yaml.safe_load would.
    constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
    yaml.constructor.SafeConstructor.__init__(constructor)
    return constructor.construct_object(node, deep=True)
