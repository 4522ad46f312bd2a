"""``python -m desktop`` behaves exactly like the ``socialdesk`` command."""

import sys

from desktop.cli import main

sys.exit(main())
