"""A Facebook page's feed as the Graph API returns it:

    GET /{page-id}/feed?fields=id,created_time,message,from,
        comments{id,created_time,message,from,parent,comments{...}}

saved as one JSON document or as JSON Lines of pages. Post ids are `PAGEID_POSTID`, so
the page is the feed's owner; its `from.id` marks its own posts and replies.

A conversation is one customer's top-level comment (under one of the page's posts) or
one visitor post, with every reply below it. The page's own posts are announcements:
neither conversations nor customer messages, so they are not loaded. Another customer's
reply inside a thread is a customer message of that conversation. A comment without
`from` (Graph omits it for people who have not authorised the app) keeps its text, and
its author gets a pseudonym made from the comment id.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pipelines.contract.operators import Operators
from pipelines.sources.base import SourceError, batched
from pipelines.sources.graph import GraphFile, edge, id_of, is_page_of, text_of, without_names

LAYOUT = "a Facebook Graph page feed"


def is_post(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "created_time" in obj and (
        "message" in obj or "from" in obj or "comments" in obj)


def is_feed_page(obj) -> bool:
    return is_page_of(obj, is_post)


class FacebookReader:
    format = "facebook_graph"
    source = "facebook"

    def __init__(self, path: Path, encoding: str = "utf-8", document: bool = False,
                 operators: Operators | None = None, operator: str | None = None):
        self.path = path
        self.file = GraphFile(path, encoding, document, is_post, LAYOUT)
        self.operators, self.operator = operators, operator
        self._page: tuple[str, str | None] | None = None

    def page(self) -> tuple[str, str | None]:
        """(page id, page name) of the feed: the prefix of its post ids, and the name its
        own posts and replies carry."""
        if self._page is None:
            page_id, name = None, None
            for _, found, _ in self.file.pages():
                for post in (found or {}).get("data", []):
                    post_id = id_of(post.get("id")) if isinstance(post, dict) else None
                    if page_id is None and post_id and "_" in post_id:
                        page_id = post_id.split("_", 1)[0]
                    if page_id is not None:
                        name = name or _page_name(post, page_id)
                if page_id is not None and name is not None:
                    break
            if page_id is None:
                raise SourceError(self.path, "no post id of the form PAGEID_POSTID: cannot tell which page this feed is")
            self._page = (page_id, name)
        return self._page

    def _operator_id(self) -> str:
        """The operator whose page this is: --operator, else the config's facebook
        handles naming the page id or name, else the page's name as an operator of its own."""
        page_id, name = self.page()
        if self.operator:
            return self.operator
        if self.operators is not None:
            for op in self.operators.by_id.values():
                handles = {h.lower() for h in op.handles.get("facebook", ())}
                if page_id.lower() in handles or (name and name.lower() in handles):
                    return op.id
        return name or page_id

    def brand_accounts(self) -> set[str]:
        return {self._operator_id()}

    def batches(self) -> Iterator[list[dict]]:
        return batched(self._rows())

    def _rows(self) -> Iterator[dict]:
        page_id, _ = self.page()
        operator = self._operator_id()
        for position, found, error in self.file.pages():
            if error:
                yield error
                continue
            for post in found["data"]:
                if not isinstance(post, dict):
                    yield {"line": position, "error": "post is not a JSON object", "raw": str(post)[:300]}
                    continue
                yield from _thread_rows(post, page_id, operator, position)


def _page_name(obj: dict, page_id: str) -> str | None:
    """The page's name, from its own post or any reply of it in the thread."""
    author = obj.get("from")
    if isinstance(author, dict) and id_of(author.get("id")) == page_id and isinstance(author.get("name"), str):
        return author["name"]
    for comment in edge(obj, "comments"):
        if isinstance(comment, dict):
            found = _page_name(comment, page_id)
            if found:
                return found
    return None


def _thread_rows(post: dict, page_id: str, operator: str, line: int) -> Iterator[dict]:
    post_id = id_of(post.get("id"))
    is_page_post = _author(post, page_id)[1]
    # the names of the people in the thread, to take out of its texts
    names: dict[str, str] = {}
    _collect_names(post, page_id, names)
    if not is_page_post:   # a visitor post: a conversation of its own
        yield _row(post, page_id, operator, line, names, conversation=post_id, reply_to=None)
        for comment in edge(post, "comments"):
            yield from _comment_rows(comment, page_id, operator, line, names, post_id, post_id)
        return
    for comment in edge(post, "comments"):   # under an announcement: each top-level comment
        if isinstance(comment, dict):
            root = id_of(comment.get("id"))
            yield from _comment_rows(comment, page_id, operator, line, names, root, None)


def _comment_rows(comment, page_id: str, operator: str, line: int, names: dict[str, str],
                  conversation: str | None, reply_to: str | None) -> Iterator[dict]:
    if not isinstance(comment, dict):
        yield {"line": line, "error": "comment is not a JSON object", "raw": str(comment)[:300]}
        return
    parent = comment.get("parent")
    if isinstance(parent, dict) and id_of(parent.get("id")):
        reply_to = id_of(parent.get("id"))
    yield _row(comment, page_id, operator, line, names, conversation=conversation, reply_to=reply_to)
    for reply in edge(comment, "comments"):
        yield from _comment_rows(reply, page_id, operator, line, names, conversation, id_of(comment.get("id")))


def _author(obj: dict, page_id: str) -> tuple[str | None, bool]:
    """(author key, is the page): the page's id, a person's id, or None without `from`."""
    author = obj.get("from")
    author_id = id_of(author.get("id")) if isinstance(author, dict) else None
    return author_id, author_id == page_id


def _collect_names(obj: dict, page_id: str, names: dict[str, str]) -> None:
    author = obj.get("from")
    if isinstance(author, dict) and isinstance(author.get("name"), str) and author["name"].strip():
        author_id = id_of(author.get("id"))
        if author_id and author_id != page_id:
            names[author["name"].strip()] = author_id
    for comment in edge(obj, "comments"):
        if isinstance(comment, dict):
            _collect_names(comment, page_id, names)


def _row(obj: dict, page_id: str, operator: str, line: int, names: dict[str, str], *,
         conversation: str | None, reply_to: str | None) -> dict:
    message_id = id_of(obj.get("id"))
    author_id, is_page = _author(obj, page_id)
    if author_id is None and message_id:
        author_id = "anon_" + message_id.replace("-", "_")
    return {
        "line": line,
        "message_id": message_id,
        "conversation_id": conversation,
        "in_reply_to": reply_to,
        "operator": operator,
        "author_id": operator if is_page else author_id,
        "is_brand": is_page,
        "created_at": obj.get("created_time"),
        "text": without_names(text_of(obj.get("message")), names),
        "channel": "facebook",
    }
