"""Demo organisations: two municipalities in use, an association and a network."""

from __future__ import annotations

from servicepuls.common.demo import DemoContext
from servicepuls.organisations.choices import OrganisationKind
from servicepuls.organisations.models import AuthorityArea, Department, Membership, Organisation
from servicepuls.organisations.reference_data import reference_data_ensure

# Real municipalities, demo data: every answer, story and action created for them is invented.
DEMO_MUNICIPALITIES = ("0136", "0192")  # Haninge, Nynäshamn
NETWORK_MEMBERS = ("0136", "0192", "0126", "0127", "0128", "0138", "0181", "0140")
DEPARTMENTS = (
    ("Samhällsbyggnadsförvaltningen", "SBF", ("bygglov",)),
    ("Miljöförvaltningen", "MF", ("miljo_halsoskydd", "livsmedel")),
    ("Socialförvaltningen", "SOF", ("serveringstillstand",)),
    ("Tekniska förvaltningen", "TF", ("markupplatelse",)),
    ("Kommunledningsförvaltningen", "KLF", ("upphandling", "ovrigt")),
)


def seed_demo(context: DemoContext) -> None:
    reference_data_ensure()
    areas = {area.slug: area for area in AuthorityArea.objects.filter(organisation__isnull=True)}
    for code in DEMO_MUNICIPALITIES:
        municipality = Organisation.objects.get(code=code)
        municipality.is_active = True
        municipality.save(update_fields=["is_active", "updated_at"])
        context.objects[f"org:{code}"] = municipality
        for name, short_name, slugs in DEPARTMENTS:
            department, _ = Department.objects.get_or_create(
                organisation=municipality, name=name, defaults={"short_name": short_name}
            )
            department.areas.set([areas[slug] for slug in slugs])
            context.objects[f"dept:{code}:{short_name}"] = department

    association, _ = Organisation.objects.get_or_create(
        code="SBFF",
        defaults={
            "kind": OrganisationKind.ASSOCIATION,
            "name": "Södertörns brandförsvarsförbund (demo)",
            "county": "Stockholms län",
            "is_active": True,
        },
    )
    context.objects["org:SBFF"] = association
    for code in ("0136", "0192", "0126", "0127", "0128", "0138"):
        link, _ = Membership.objects.get_or_create(
            parent=association, member=Organisation.objects.get(code=code)
        )
        link.areas.set([areas["brandtillsyn"]])

    network, _ = Organisation.objects.get_or_create(
        code="SODERTORN",
        defaults={
            "kind": OrganisationKind.NETWORK,
            "name": "Södertörnskommunerna (demo)",
            "county": "Stockholms län",
            "is_active": True,
        },
    )
    context.objects["org:SODERTORN"] = network
    for code in NETWORK_MEMBERS:
        Membership.objects.get_or_create(parent=network, member=Organisation.objects.get(code=code))
