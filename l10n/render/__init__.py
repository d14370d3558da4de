"""Editions -> text: plain text, Markdown and HTML. Escaping lives in html.py only."""
