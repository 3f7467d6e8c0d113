from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from servicepuls.organisations.models import Organisation
from servicepuls.stories.models import Campaign, DialogueMeeting


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="0136"))
    title = factory.Sequence(lambda n: f"Kampanj {n}")
    slug = factory.Sequence(lambda n: f"kampanj-{n}")
    intro = "Berätta hur du blev bemött."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class DialogueMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueMeeting

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="0136"))
    held_on = factory.LazyFunction(timezone.localdate)
    place = "Företagarfrukost, Haninge kulturhus"
