#!/usr/bin/env python
"""Django's command-line utility; the installed ``servicepuls`` command does the same."""

from servicepuls.cli import main

if __name__ == "__main__":
    main()
