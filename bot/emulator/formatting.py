"""Message text formatting: ``parse_mode`` parsing into plain text plus entities, like Telegram's server does.

Telegram measures entity offsets and message length in UTF-16 code units and rejects malformed markup with
``400 Bad Request: can't parse entities: ...``. The parsers here are deliberately close to Telegram's rules for
the constructs bots really use (HTML tags and entities, MarkdownV2 escaping) so that markup bugs in the bot
show up in tests instead of in production; they are not a byte-exact clone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, bad_request

Entity = dict[str, Any]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def utf8_offset(text: str, index: int) -> int:
    """Byte offset of ``text[index]`` in UTF-8, which is how Telegram reports markup error positions."""
    return len(text[:index].encode("utf-8"))


def parse_error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


@dataclass
class _Builder:
    """Accumulates plain text and entities while a parser walks the markup."""

    parts: list[str] = field(default_factory=list)
    length: int = 0  # UTF-16 units emitted so far
    entities: list[Entity] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += utf16_len(text)

    def close(self, entity: Entity, start: int) -> None:
        if self.length > start:
            self.entities.append({**entity, "offset": start, "length": self.length - start})

    def close_before_newline(self, entity: Entity, start: int) -> None:
        """Close an entity that ends with its line (a quote does not include the line break)."""
        trailing = 1 if self.parts and self.parts[-1].endswith("\n") else 0
        if self.length - trailing > start:
            self.entities.append({**entity, "offset": start, "length": self.length - trailing - start})

    def result(self) -> tuple[str, list[Entity]]:
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


# ---------------------------------------------------------------------------------------------------- HTML

_HTML_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_HTML_SPECIAL = {"a", "span", "tg-emoji", "tg-time"}
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR_RE = re.compile(r"""([a-zA-Z_-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


def _html_attrs(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR_RE.finditer(raw)
    }


def _html_entity(tag: str, attrs: dict[str, str], offset: int) -> Entity:
    """The entity a supported start tag opens; raises Telegram's error for unsupported ones."""
    if tag in _HTML_SIMPLE:
        if tag == "blockquote" and "expandable" in attrs:
            return {"type": "expandable_blockquote"}
        return {"type": _HTML_SIMPLE[tag]}
    if tag == "a":
        href = attrs.get("href", "")
        match = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if match:
            return {"type": "text_mention", "user": {"id": int(match.group(1)), "is_bot": False, "first_name": ""}}
        return {"type": "text_link", "url": href}
    if tag == "span" and attrs.get("class") == "tg-spoiler":
        return {"type": "spoiler"}
    if tag == "tg-emoji" and "emoji-id" in attrs:
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    if tag == "tg-time" and "unix" in attrs:
        return {"type": "date_time", "unix_time": int(attrs["unix"])}
    raise parse_error(f'Unsupported start tag "{tag}" at byte offset {offset}')


def _html_tokens(source: str) -> Iterator[tuple[str | re.Match[str], int]]:
    """Split Telegram-HTML into text pieces (entities decoded) and tag matches, with their source index."""
    i = 0
    while i < len(source):
        if source[i] == "<":
            match = _TAG_RE.match(source, i)
            if not match:
                name = re.match(r"</?([^\s>]*)", source[i:])
                tag = name.group(1) if name else ""
                raise parse_error(f'Unsupported start tag "{tag}" at byte offset {utf8_offset(source, i)}')
            yield match, i
            i = match.end()
        elif source[i] == "&" and (entity := _ENTITY_RE.match(source, i)):
            yield html.unescape(entity.group(0)), i
            i = entity.end()
        else:
            stops = [p for p in (source.find("<", i + 1), source.find("&", i + 1)) if p >= 0]
            end = min(stops, default=len(source))
            yield source[i:end], i
            i = end


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Parse Telegram-HTML into text and entities (unknown tags and bad nesting are 400 errors)."""
    out = _Builder()
    stack: list[tuple[str, Entity | None, int]] = []  # (tag, entity, start offset)
    for token, index in _html_tokens(source):
        if isinstance(token, str):
            out.add(token)
            continue
        match = token
        closing, tag, attrs = match.group(1), match.group(2).lower(), _html_attrs(match.group(3))
        if closing:
            _close_html(stack, tag, utf8_offset(source, index), out)
            continue
        if tag not in _HTML_SIMPLE and tag not in _HTML_SPECIAL:
            raise parse_error(f'Unsupported start tag "{tag}" at byte offset {utf8_offset(source, index)}')
        entity: Entity | None = _html_entity(tag, attrs, utf8_offset(source, index))
        if tag == "code" and stack and stack[-1][0] == "pre" and (pre := stack[-1][1]) is not None:
            entity = None  # <pre><code class="language-x"> is one pre entity with a language
            if attrs.get("class", "").startswith("language-"):
                pre["language"] = attrs["class"].removeprefix("language-")
        stack.append((tag, entity, out.length))
    if stack:
        raise parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html(stack: list[tuple[str, Entity | None, int]], tag: str, offset: int, out: _Builder) -> None:
    if not stack:
        raise parse_error(f"Unexpected end tag at byte offset {offset}")
    open_tag, entity, start = stack.pop()
    if open_tag != tag:
        raise parse_error(f'Unmatched end tag at byte offset {offset}, expected "</{open_tag}>", found "</{tag}>"')
    if entity is not None:
        out.close(entity, start)


# ----------------------------------------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "blockquote": "BlockQuote",
}
_MDV2_MARKERS = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler"}


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    """Parse MarkdownV2, including its rule that every reserved character outside markup is escaped."""
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # (entity type, start offset, source index)
    quote_start: int | None = None
    i = 0
    while i < len(source):
        char = source[i]
        at_line_start = i == 0 or source[i - 1] == "\n"
        if at_line_start and quote_start is not None and char != ">":
            out.close_before_newline({"type": "blockquote"}, quote_start)
            quote_start = None
        if char == "\\" and i + 1 < len(source):
            out.add(source[i + 1])
            i += 2
        elif char == "`":
            i = _mdv2_code(source, i, out)
        elif char == ">" and at_line_start:
            if quote_start is None:
                quote_start = out.length
            i += 1
        elif char == "[":
            stack.append(("text_link", out.length, i))
            i += 1
        elif char == "]" and stack and stack[-1][0] == "text_link":
            i = _mdv2_link_end(source, i, stack.pop(), out)
        elif source.startswith(("__", "||"), i) or char in "*_~":
            marker = source[i : i + 2] if source.startswith(("__", "||"), i) else char
            kind = _MDV2_MARKERS[marker]
            open_index = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][0] == kind), None)
            if open_index is None:
                stack.append((kind, out.length, i))
            else:
                _, start, _ = stack.pop(open_index)
                out.close({"type": kind}, start)
            i += len(marker)
        elif char in _MDV2_RESERVED:
            raise parse_error(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        else:
            out.add(char)
            i += 1
    if quote_start is not None:
        out.close({"type": "blockquote"}, quote_start)
    if stack:
        kind, _, index = stack[-1]
        raise parse_error(f"Can't find end of {_MDV2_NAMES[kind]} entity at byte offset {utf8_offset(source, index)}")
    return out.result()


def _mdv2_code(source: str, i: int, out: _Builder) -> int:
    """Inline ``code`` or a ```pre``` block; inside them only ` and \\ need escaping."""
    fence = "```" if source.startswith("```", i) else "`"
    body_start = i + len(fence)
    language = ""
    if fence == "```":
        newline = source.find("\n", body_start)
        first_line = source[body_start:newline] if newline >= 0 else ""
        if newline >= 0 and re.fullmatch(r"[A-Za-z0-9_+-]*", first_line):
            language, body_start = first_line, newline + 1
    j, body = body_start, []
    while j < len(source) and not source.startswith(fence, j):
        if source[j] == "\\" and j + 1 < len(source):
            j += 1
        body.append(source[j])
        j += 1
    if j >= len(source):
        name = "Pre" if fence == "```" else "Code"
        raise parse_error(f"Can't find end of {name} entity at byte offset {utf8_offset(source, i)}")
    start = out.length
    out.add("".join(body))
    entity: Entity = {"type": "pre" if fence == "```" else "code"}
    if language:
        entity["language"] = language
    out.close(entity, start)
    return j + len(fence)


def _mdv2_link_end(source: str, i: int, opened: tuple[str, int, int], out: _Builder) -> int:
    """``]`` closing link text must be followed by ``(url)``, where ``)`` and ``\\`` are escaped."""
    _, start, _ = opened
    if not source.startswith("(", i + 1):
        raise parse_error("Character ']' is reserved and must be escaped with the preceding '\\'")
    j, url = i + 2, []
    while j < len(source) and source[j] != ")":
        if source[j] == "\\" and j + 1 < len(source):
            j += 1
        url.append(source[j])
        j += 1
    if j >= len(source):
        raise parse_error(f"Can't find end of a URL at byte offset {utf8_offset(source, i + 1)}")
    target = "".join(url)
    match = re.fullmatch(r"tg://user\?id=(\d+)", target)
    if match:
        out.close(
            {"type": "text_mention", "user": {"id": int(match.group(1)), "is_bot": False, "first_name": ""}}, start
        )
    else:
        out.close({"type": "text_link", "url": target}, start)
    return j + 1


# ------------------------------------------------------------------------------------------ legacy Markdown

_MD_MARKERS = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Legacy Markdown: ``*bold*``, ``_italic_``, `` `code` ``, ```` ```pre``` ```` and ``[text](url)``."""
    out = _Builder()
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in "*_`[":
            out.add(source[i + 1])
            i += 2
        elif source.startswith("```", i):
            end = source.find("```", i + 3)
            if end < 0:
                raise parse_error(f"Can't find end of the entity starting at byte offset {utf8_offset(source, i)}")
            start = out.length
            out.add(source[i + 3 : end])
            out.close({"type": "pre"}, start)
            i = end + 3
        elif char in _MD_MARKERS:
            end = source.find(char, i + 1)
            if end < 0:
                raise parse_error(f"Can't find end of the entity starting at byte offset {utf8_offset(source, i)}")
            start = out.length
            out.add(source[i + 1 : end])
            out.close({"type": _MD_MARKERS[char]}, start)
            i = end + 1
        elif char == "[":
            match = re.compile(r"\[([^\]]*)\]\(([^)]*)\)").match(source, i)
            if not match:
                raise parse_error(f"Can't find end of the entity starting at byte offset {utf8_offset(source, i)}")
            start = out.length
            out.add(match.group(1))
            out.close({"type": "text_link", "url": match.group(2)}, start)
            i = match.end()
        else:
            out.add(char)
            i += 1
    return out.result()


# --------------------------------------------------------------------------------------- text post-processing

_AUTO_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("bot_command", re.compile(r"(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]*\w\b")),
    ("mention", re.compile(r"(?<![\w@])@[a-zA-Z][a-zA-Z0-9_]{3,31}\b")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
]


def detect_entities(text: str, existing: list[Entity]) -> list[Entity]:
    """Entities Telegram adds on its own (commands, links, mentions...) where no explicit entity covers them."""
    taken = [(e["offset"], e["offset"] + e["length"]) for e in existing]
    found: list[Entity] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start = utf16_len(text[: match.start()])
            end = start + utf16_len(match.group(0))
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append({"type": kind, "offset": start, "length": end - start})
    return sorted([*existing, *found], key=lambda e: (e["offset"], -e["length"]))


def strip_text(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Telegram trims surrounding whitespace from message text; shift and clip entities to match."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    adjusted: list[Entity] = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] + entity["length"] - lead)
        if end > start:
            adjusted.append({**entity, "offset": start, "length": end - start})
    return stripped, adjusted


def format_text(text: str, parse_mode: str | None, entities: list[Entity] | None) -> tuple[str, list[Entity]]:
    """Apply ``parse_mode`` (or explicit entities), trim, and add automatic entities."""
    mode = (parse_mode or "").strip().lower()
    if entities:
        plain, found = text, [dict(e) for e in entities]
        _check_entities(plain, found)
    elif mode == "html":
        plain, found = parse_html(text)
    elif mode == "markdownv2":
        plain, found = parse_markdown_v2(text)
    elif mode == "markdown":
        plain, found = parse_markdown(text)
    elif mode:
        raise bad_request(f"unsupported parse_mode {parse_mode}")
    else:
        plain, found = text, []
    plain, found = strip_text(plain, found)
    return plain, detect_entities(plain, found)


def _check_entities(text: str, entities: list[Entity]) -> None:
    total = utf16_len(text)
    for entity in entities:
        if not isinstance(entity, dict) or "type" not in entity:
            raise bad_request("can't parse entities: entity type is not specified")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise bad_request("can't parse entities: entity offset and length must be non-negative integers")
        if offset + length > total:
            entity["length"] = max(0, total - offset)
    entities[:] = [e for e in entities if e["length"] > 0]


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The part of ``text`` an entity's UTF-16 ``offset`` and ``length`` cover."""
    encoded = text.encode("utf-16-le")
    return encoded[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="ignore")
