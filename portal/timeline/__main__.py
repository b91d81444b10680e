"""`python -m portal.timeline`: the dates from the command line."""

import sys

from portal.timeline.cli import main

sys.exit(main())
