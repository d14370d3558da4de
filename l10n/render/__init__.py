"""Writers: Edition -> text, Markdown, HTML. Pure; all escaping happens here."""

# The edition formats a build can write (the bilingual page comes with html).
FORMATS = ("txt", "md", "html")
