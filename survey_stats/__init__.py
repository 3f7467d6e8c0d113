"""Statistics core of Servicepuls: NKI indices, intervals, change, rankings and drivers.

A pure package: it imports neither Django nor the Servicepuls apps.
"""
