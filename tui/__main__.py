"""``python -m tui``: the same entry point as the ``report-explorer`` console script."""

from tui.cli import main

if __name__ == "__main__":
    main()
