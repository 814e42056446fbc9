"""The bundle's entry point: the same ``main`` as the ``medlemsvard`` command."""

import sys

from medlemsvard_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
