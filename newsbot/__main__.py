"""``python -m newsbot``: the operations command line."""

import sys

from newsbot.ops.cli import main

sys.exit(main())
