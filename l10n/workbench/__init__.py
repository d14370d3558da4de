"""The translator's workbench (``l10n serve``): a local review page over the workspace's own files.

- server.py: the Starlette app, its routes and pages, and starting uvicorn
- apiv1.py: the JSON API under /api/v1/ (the page uses it; scripts can too)
- auth.py: who a request is (one-time login token, session cookie, API token), CSRF, Host/Origin
- access.py: the principal a request carries and the one function that decides what it may do
- pagedata.py: an article in a language as the page shows it (blocks, entries, findings, alternatives)
- sitedata.py: what the server reads from the workspace, and its caches (keyed by what they read)
- overview.py: the dashboard's rows (status figures, findings counted in the background)
- saving.py: saving an entry, dismissing a finding, undoing: under the workspace lock, merged with
  what is on disk, through the project's own PO writer
- templates/, static/: Jinja2 templates and plain JavaScript modules (no build step, no CDN)

Imported only by ``l10n serve``: the other commands never load Starlette or Jinja2.
"""
