"""Writers: Edition -> text, Markdown, HTML, feeds. Pure; all escaping happens here."""

# The edition formats a build can write (the bilingual page, the English original's page, the
# feeds and the sitemap come with html; docx is written for Word articles only).
FORMATS = ("txt", "md", "html", "docx")
