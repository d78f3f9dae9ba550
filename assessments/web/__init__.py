"""The web layer: the draft page and its parts, the rows, the files and PDFs, the read-only link,
the request for omprövning, and the pages around them. Each view module holds views of one job;
what several need lives in `access` (who may see a draft), `page` (the draft page's context)
and `editor` (the rows as the page shows them), never in another view module."""
