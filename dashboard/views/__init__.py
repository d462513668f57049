"""One module per dashboard page; each has render(f, ctx): read the filters, call a
cached query, draw, offer the next step. No SQL here."""
