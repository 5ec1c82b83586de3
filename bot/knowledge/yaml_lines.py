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


def refuse_aliases(text: str) -> None:
    """Raise YamlSyntaxError at the first anchor or alias (`&name`, `*name`).

    Knowledge and config files have no use for them, and a few hundred bytes of nested
    aliases expand to gigabytes (or, self-referencing, recurse without end): refusing
    them before anything is built keeps every load bounded by the file's size."""
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise YamlSyntaxError(
                    mark.line + 1 if mark is not None else None,
                    "anchors and aliases (&name, *name) are not supported: write the "
                    "value out in full",
                )
    except yaml.YAMLError as error:
        raise _syntax_error(error) from None


def _syntax_error(error: yaml.YAMLError) -> YamlSyntaxError:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return YamlSyntaxError(mark.line + 1 if mark else None, f"not valid YAML: {problem}")


def load_located(text: str) -> LocatedData:
    refuse_aliases(text)
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise _syntax_error(error) from None
    lines: dict[PathKey, int] = {}
    data = _convert(node, (), lines) if node is not None else None
    return LocatedData(data, lines)


def _convert(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, lines)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def _convert_mapping(
    node: yaml.MappingNode, path: PathKey, lines: dict[PathKey, int]
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        if key in result:
            # Plain YAML keeps the last of two equal keys silently; an editor wants to know.
            raise YamlSyntaxError(key_node.start_mark.line + 1, f"the key '{key}' appears twice")
        result[key] = _convert(value_node, (*path, str(key)), lines)
    return result


def _scalar(node: yaml.Node) -> Any:
    # Resolve the scalar's type (int, bool, str, ...) exactly as yaml.safe_load would.
    constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
    yaml.constructor.SafeConstructor.__init__(constructor)
    return constructor.construct_object(node, deep=True)
