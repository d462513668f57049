"""Comments on an Instagram account's media as the Graph API returns them:

    GET /{ig-media-id}/comments?fields=id,text,timestamp,username,from{id,username},
        replies{id,text,timestamp,username,from{id,username}}

saved as one JSON document or as JSON Lines of pages (several media in one file are
several pages). A conversation is one top-level comment with its replies. The brand's
replies are those whose username is one of an operator's configured `instagram` handles,
compared case-insensitively (Vodafone's account is `vodafoneit`); with `--operator ID`,
that operator's handles only, and every thread is that operator's. Without it, a
thread's operator is its brand replies' one; threads nobody answered take the file's
operator when all the file's brand replies are one operator's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pipelines.contract.operators import Operators
from pipelines.sources.base import batched
from pipelines.sources.graph import GraphFile, edge, id_of, is_page_of, text_of

LAYOUT = "Instagram Graph comments"


def is_comment(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "timestamp" in obj and (
        "text" in obj or "username" in obj or "from" in obj)


def is_comments_page(obj) -> bool:
    return is_page_of(obj, is_comment)


def _username(comment: dict) -> str | None:
    name = comment.get("username")
    if not isinstance(name, str) or not name.strip():
        author = comment.get("from")
        name = author.get("username") if isinstance(author, dict) else None
    return name.strip().lstrip("@") if isinstance(name, str) and name.strip() else None


class InstagramReader:
    format = "instagram_graph"
    source = "instagram"

    def __init__(self, path: Path, encoding: str = "utf-8", document: bool = False,
                 operators: Operators | None = None, operator: str | None = None):
        self.path = path
        self.file = GraphFile(path, encoding, document, is_comment, LAYOUT)
        self.operator = operator
        self._brands = self._brand_handles(operators, operator)
        self._file_operator: str | None = None

    @staticmethod
    def _brand_handles(operators: Operators | None, only: str | None) -> dict[str, str]:
        """lower-case instagram handle -> operator id."""
        if operators is None:
            return {}
        chosen = [operators.by_id[only]] if only in operators.by_id else list(operators.by_id.values())
        return {h.lower(): op.id for op in chosen for h in op.handles.get("instagram", ())}

    def _default_operator(self) -> str | None:
        if self.operator:
            return self.operator
        seen = set()
        for _, found, _ in self.file.pages():
            for comment in (found or {}).get("data", []):
                if isinstance(comment, dict):
                    for item in (comment, *edge(comment, "replies")):
                        if isinstance(item, dict) and (_username(item) or "").lower() in self._brands:
                            seen.add(self._brands[_username(item).lower()])
        return seen.pop() if len(seen) == 1 else None

    def brand_accounts(self) -> set[str]:
        return set()   # brands are the configured handles

    def batches(self) -> Iterator[list[dict]]:
        return batched(self._rows())

    def _rows(self) -> Iterator[dict]:
        operator = self._default_operator()
        for position, found, error in self.file.pages():
            if error:
                yield error
                continue
            for comment in found["data"]:
                if not isinstance(comment, dict):
                    yield {"line": position, "error": "comment is not a JSON object", "raw": str(comment)[:300]}
                    continue
                root = id_of(comment.get("id"))
                yield self._row(comment, position, operator, root, None)
                for reply in edge(comment, "replies"):
                    if isinstance(reply, dict):
                        yield self._row(reply, position, operator, root, root)
                    else:
                        yield {"line": position, "error": "reply is not a JSON object", "raw": str(reply)[:300]}

    def _row(self, comment: dict, line: int, operator: str | None, conversation: str | None,
             reply_to: str | None) -> dict:
        message_id = id_of(comment.get("id"))
        username = _username(comment)
        brand = self._brands.get((username or "").lower())
        if username is None and message_id:
            username = "anon_" + message_id
        return {
            "line": line,
            "message_id": message_id,
            "conversation_id": conversation,
            "in_reply_to": reply_to,
            "operator": brand or operator,
            "author_handle": username,
            "is_brand": brand is not None,
            "created_at": comment.get("timestamp"),
            "text": text_of(comment.get("text")),
            "channel": "instagram",
        }
