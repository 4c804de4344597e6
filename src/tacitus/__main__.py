"""``python -m tacitus``: the same as the ``tacitus`` command."""

from tacitus.cli import main

main()
