"""report-explorer: read and mine structured government reports in the terminal."""

__version__ = "0.1.0"
