"""Demo of insights: the published reference figures (DESIGN §9), marked with their sources,
and aggregates of the demo answers that the surveys app seeded before this runs."""

from __future__ import annotations

from servicepuls.common.demo import DemoContext
from servicepuls.insights.services import (
    answer_aggregates_rebuild,
    business_climate_import,
    published_results_import,
)

# SKR's Insikt: the national total NKI, the national bygglov index and published examples.
PUBLISHED_NKI = """organisation,year,area,value,n
riket,2010,total,66,
riket,2012,total,67,
riket,2014,total,68,
riket,2016,total,70,
riket,2017,total,71,
riket,2018,total,72,31037
riket,2021,total,74,
riket,2022,total,75,
riket,2023,total,75,
riket,2010,bygglov,64,
riket,2016,bygglov,60,
riket,2020,bygglov,66,
0480,2022,serveringstillstand,88,
0480,2022,bygglov,65,
0480,2022,miljo_halsoskydd,72,
0480,2022,livsmedel,77,
0480,2022,markupplatelse,84,
0480,2022,brandtillsyn,75,
0480,2022,upphandling,69,
0486,2022,miljo_halsoskydd,86,
0486,2022,brandtillsyn,81,
0486,2022,markupplatelse,76,
0486,2022,bygglov,80,
0486,2022,livsmedel,74,
0486,2022,serveringstillstand,65,
0486,2022,upphandling,70,
"""

# Svenskt Näringsliv, "Lokalt företagsklimat": the summary rating averaged over municipalities.
BUSINESS_CLIMATE = """organisation,year,summary_rating,n,rank
riket,2020,3.37,,
riket,2021,3.43,,
riket,2022,3.43,,
riket,2023,3.46,,
"""


def seed_demo(context: DemoContext) -> None:
    published_results_import(
        name="demo-published.csv", data=PUBLISHED_NKI.encode(), source="SKR Insikt (publicerat)"
    )
    business_climate_import(
        name="demo-business-climate.csv",
        data=BUSINESS_CLIMATE.encode(),
        source="Svenskt Näringsliv (publicerat)",
    )
    # The surveys demo ran first (INSTALLED_APPS order); its answers_stored signal fires only
    # after the demo transaction commits, so build the dashboards' aggregates here at once.
    answer_aggregates_rebuild()
