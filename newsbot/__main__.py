"""``python -m newsbot``: the operations command line."""

import sys

from newsbot.cli import main

sys.exit(main())
