"""X/Twitter API v2 search results: a JSON document {"data": [...], "includes":
{"users": [...]}}, or JSON Lines with one such page per line, or one tweet per line.
Handles come from includes.users; replies from referenced_tweets (type replied_to)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pipelines.sources.base import SourceError, batched
from pipelines.sources.textio import json_document, json_lines


def is_tweet(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "text" in obj and (
        "author_id" in obj or "conversation_id" in obj or "created_at" in obj)


def is_page(obj) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("data"), list) and (
        not obj["data"] or is_tweet(obj["data"][0]))


def _users(page: dict) -> dict[str, str]:
    users = (page.get("includes") or {}).get("users") or []
    return {str(u.get("id")): u.get("username") for u in users if isinstance(u, dict) and u.get("id")}


def tweet_row(tweet: dict, users: dict[str, str], line: int) -> dict:
    if not isinstance(tweet, dict):
        return {"line": line, "error": "tweet is not a JSON object", "raw": str(tweet)[:300]}
    replied_to = None
    for ref in tweet.get("referenced_tweets") or []:
        if isinstance(ref, dict) and ref.get("type") == "replied_to":
            replied_to = str(ref.get("id")) if ref.get("id") is not None else None
    author = tweet.get("author_id")
    author = str(author) if author is not None else None
    handle = users.get(author)
    if handle is None and isinstance(tweet.get("author"), dict):  # twarc-style expansion
        handle = tweet["author"].get("username")
    reply_user = tweet.get("in_reply_to_user_id")
    return {
        "line": line,
        "message_id": str(tweet["id"]) if tweet.get("id") is not None else None,
        "conversation_id": str(tweet["conversation_id"]) if tweet.get("conversation_id") is not None else None,
        "in_reply_to": replied_to,
        "author_id": author,
        "author_handle": handle,
        "created_at": tweet.get("created_at"),
        "text": tweet.get("text") if isinstance(tweet.get("text"), str) else None,
        "lang": tweet.get("lang"),
        "channel": "twitter",
        "reply_to_handle": users.get(str(reply_user)) if reply_user is not None else None,
    }


class XV2Reader:
    format = "x_v2"
    source = "x_v2"

    def __init__(self, path: Path, encoding: str = "utf-8", document: bool = False):
        self.path, self.encoding, self.document = path, encoding, document

    def brand_accounts(self) -> set[str]:
        return set()  # X has no brand flag: brands are the configured handles

    def batches(self) -> Iterator[list[dict]]:
        return batched(self._document_rows() if self.document else self._line_rows())

    def _document_rows(self) -> Iterator[dict]:
        page = json_document(self.path, self.encoding)
        pages = page if isinstance(page, list) else [page]
        position = 0
        for page in pages:
            if not is_page(page):
                raise SourceError(self.path, "not X API v2 search results: no data[] of tweets")
            users = _users(page)
            for tweet in page["data"]:
                position += 1
                yield tweet_row(tweet, users, position)

    def _line_rows(self) -> Iterator[dict]:
        for line_no, obj, error, text in json_lines(self.path, self.encoding):
            if error:
                yield {"line": line_no, "error": error, "raw": text[:300]}
            elif is_page(obj):
                users = _users(obj)
                for tweet in obj["data"]:
                    yield tweet_row(tweet, users, line_no)
            elif is_tweet(obj):
                yield tweet_row(obj, {}, line_no)
            else:
                yield {"line": line_no, "error": "line is neither an X v2 page nor a tweet", "raw": text[:300]}
