"""Text from files (ids, account and operator names) shown where Streamlit renders Markdown.

Subheaders, captions, buttons and `st.markdown` read their text as Markdown: an id such as
`csv:[clicca qui](http://evil.example/login)` would become a link. Every character Markdown
(or Streamlit's own `:color[...]` and `$...$`) gives a meaning to is escaped, so the text
shows exactly as it is stored.
"""
from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text) -> str:
    """`text` escaped so that Markdown shows it as it is."""
    return _SPECIAL.sub(r"\\\1", str(text))
