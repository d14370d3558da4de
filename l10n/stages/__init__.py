"""The pipeline's stages, each wiring pure modules to the workspace's files: extract, translate,
review (status, check, report), build, tm, run. They read and write, never print: each returns
records that the CLI shows as tables or JSON."""
