"""The build's clock: one time for a whole build, SOURCE_DATE_EPOCH honoured for reproducible builds."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from l10n.errors import ConfigError


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH={epoch.strip()} is not a time l10n can write",
                "give seconds since 1970 (e.g. the last commit's: git log -1 --format=%ct)",
            ) from None
    return datetime.now(UTC).replace(second=0, microsecond=0)
