"""What the dataset subcommands share: exit codes and turning errors into one line."""
from __future__ import annotations

import logging
import sys
from typing import Callable

OK, FAILED, BAD_INPUT = 0, 1, 2
LOG = logging.getLogger("flexorch_beam.commands")


def guarded(work: Callable[[], int]) -> int:
    """Run a subcommand's work: bad input (DatasetError, an output folder in use: both
    ValueErrors raised before anything changes) is ``error: ...`` and exit 2; any other
    failure while working is ``failed: ...`` and exit 1 (logged by type, never content)."""
    from flexorch_beam.dataset import DatasetError
    from flexorch_beam.feedback import FeedbackError

    try:
        return work()
    except (DatasetError, FeedbackError) as error:
        print(f"error: {error}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return FAILED
    except Exception as error:  # noqa: BLE001 - a failure while working: exit 1, one line
        if type(error).__name__ == "OutputInUseError":
            print(f"error: {error}", file=sys.stderr)
            return BAD_INPUT
        LOG.debug("dataset command failed", exc_info=True)
        print(f"failed: {type(error).__name__}: {error}", file=sys.stderr)
        return FAILED


def csv_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())
