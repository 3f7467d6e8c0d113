"""The demo's stories: invented by the project for the demo, never real citizens' text.

Each entry: area slug, channel, submitter, confirmed tags or ``None`` (left as suggested),
status, and the text. Names, numbers and addresses in the texts are invented too, so the
demo shows redaction at work.
"""

from __future__ import annotations

from typing import NamedTuple


class DemoStory(NamedTuple):
    area: str
    channel: str
    submitter: str
    tags: tuple[tuple[str, ...], str, str] | None  # (factors, sentiment, change kind)
    status: str
    text: str


NEG, POS, MIX, NEU = "negative", "positive", "mixed", "neutral"

CAMPAIGN_STORIES: tuple[DemoStory, ...] = (
    DemoStory(
        "bygglov",
        "web",
        "business",
        (("effektivitet", "information"), NEG, "process"),
        "shared",
        "Vi sökte bygglov för en tillbyggnad av vår verkstad i januari. Det tog elva veckor innan vi fick veta att en ritning saknades, trots att vi frågat två gånger. Hade vi fått en komplett lista direkt hade vi kunnat börja bygga före sommaren.",
    ),
    DemoStory(
        "bygglov",
        "web",
        "private",
        (("bemotande",), POS, ""),
        "shared",
        "Handläggaren Karin Lund ringde upp samma dag och förklarade vad en strandskyddsdispens innebär. Jag kände mig väl bemött och förstod till slut varför beslutet blev som det blev.",
    ),
    DemoStory(
        "bygglov",
        "web",
        "business",
        (("rattssakerhet", "information"), NEG, "kommunikation"),
        "shared",
        "Vårt beslut om avslag hänvisade till detaljplanen men ingen kunde förklara vilken bestämmelse som gällde. Beslutet kändes godtyckligt. Skriv besluten så att en vanlig företagare förstår dem.",
    ),
    DemoStory(
        "bygglov",
        "phone",
        "business",
        (("tillganglighet",), NEG, "process"),
        "reviewed",
        "Telefontiden är bara en timme om dagen och jag kom aldrig fram. Ring mig gärna på 070-412 33 91 så kan jag berätta mer om ärendet.",
    ),
    DemoStory(
        "bygglov",
        "web",
        "private",
        (("kompetens", "bemotande"), POS, ""),
        "shared",
        "Inspektören på slutbeskedet var kunnig och gav oss konkreta råd om ventilationen. Det märktes att hon ville att vi skulle lyckas.",
    ),
    DemoStory(
        "bygglov",
        "web",
        "business",
        (("effektivitet",), MIX, "process"),
        "reviewed",
        "Startbeskedet kom snabbt, men sedan tog det sex veckor att få ett tekniskt samråd. Ett fast datum redan i startbeskedet hade sparat oss mycket väntan.",
    ),
    DemoStory(
        "bygglov",
        "email",
        "business",
        (("information",), NEG, "kommunikation"),
        "shared",
        "På webbplatsen står det att handläggningstiden är fyra veckor men i verkligheten tog det tre månader. Säg som det är, så kan vi planera.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "web",
        "business",
        (("bemotande", "rattssakerhet"), NEG, "forhallningssatt"),
        "shared",
        "Inspektören kom oanmäld mitt i lunchrusningen och pratade till oss som om vi var misstänkta för brott. Vi vill göra rätt och behöver någon som förklarar, inte någon som hotar med vite.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "web",
        "business",
        (("information", "kompetens"), POS, ""),
        "shared",
        "Miljöinspektören hjälpte oss att förstå kraven på oljeavskiljare och skickade en tydlig checklista efteråt. Mycket bra service.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "web",
        "private",
        (("effektivitet",), NEG, "process"),
        "reviewed",
        "Klagomålet på buller från fläkten på Storgatan 14 skickades i mars och vi har fortfarande inte fått något svar om vad som händer.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "phone",
        "business",
        (("information",), MIX, "kommunikation"),
        "new",
        "Fakturan för tillsynsavgiften kom utan förklaring av timmarna. Själva besöket var bra, men vi förstod inte vad vi betalade för.",
    ),
    DemoStory(
        "livsmedel",
        "web",
        "business",
        (("bemotande", "kompetens"), POS, ""),
        "shared",
        "Livsmedelsinspektören tog sig tid att förklara märkningsreglerna för våra allergener. Vi kände oss som partner, inte som ett kontrollobjekt.",
    ),
    DemoStory(
        "livsmedel",
        "web",
        "business",
        (("rattssakerhet",), NEG, "forhallningssatt"),
        "shared",
        "Två inspektörer har gett oss helt olika besked om samma kylrum. Hur ska vi veta vad som gäller när kommunen inte är överens med sig själv?",
    ),
    DemoStory(
        "livsmedel",
        "email",
        "business",
        (("effektivitet", "tillganglighet"), NEG, "process"),
        "reviewed",
        "Registreringen av vår food truck tog nästan två månader. Ingen svarade på e-post och vi missade starten på säsongen.",
    ),
    DemoStory(
        "livsmedel",
        "web",
        "business",
        None,
        "new",
        "Tack för ett trevligt och lärorikt kontrollbesök. Rapporten kom dagen efter och var lätt att förstå.",
    ),
    DemoStory(
        "serveringstillstand",
        "web",
        "business",
        (("effektivitet", "information"), NEG, "process"),
        "shared",
        "Ansökan om serveringstillstånd för uteserveringen låg i nästan tre månader. Vi fick veta att den var ofullständig först efter sju veckor.",
    ),
    DemoStory(
        "serveringstillstand",
        "web",
        "business",
        (("kompetens", "bemotande"), POS, ""),
        "shared",
        "Handläggaren på tillståndsenheten guidade oss genom kunskapsprovet och var mycket pedagogisk. Tack!",
    ),
    DemoStory(
        "serveringstillstand",
        "phone",
        "business",
        (("rattssakerhet",), MIX, "kommunikation"),
        "reviewed",
        "Vi fick en erinran efter en tillsyn men förstod inte vad vi gjort fel. Efter ett samtal blev det tydligare, men det borde ha stått i beslutet.",
    ),
    DemoStory(
        "brandtillsyn",
        "web",
        "business",
        (("information",), POS, ""),
        "shared",
        "Brandinspektören förklarade tydligt vad som krävdes för att vi skulle få ha fler gäster i lokalen. Bra dialog.",
    ),
    DemoStory(
        "brandtillsyn",
        "web",
        "business",
        (("effektivitet", "tillganglighet"), NEG, "process"),
        "reviewed",
        "Det gick inte att boka tid för tillsyn före vår öppning, så vi fick skjuta upp invigningen en månad.",
    ),
    DemoStory(
        "markupplatelse",
        "web",
        "business",
        (("effektivitet",), NEG, "process"),
        "shared",
        "Tillståndet för att ställa ut bord på torget kom två dagar efter marknaden. Polisen och kommunen hänvisade till varandra.",
    ),
    DemoStory(
        "markupplatelse",
        "email",
        "business",
        (("information", "bemotande"), MIX, "kommunikation"),
        "reviewed",
        "Trevligt bemötande i telefon, men blanketten för markupplåtelse är svår att hitta och förstå. Gör en enkel e-tjänst.",
    ),
    DemoStory(
        "upphandling",
        "web",
        "business",
        (("information", "tillganglighet"), NEG, "kommunikation"),
        "shared",
        "Som litet företag är det nästan omöjligt att lämna anbud. Dela upp upphandlingarna och förklara kraven på enkel svenska.",
    ),
    DemoStory(
        "upphandling",
        "web",
        "business",
        (("bemotande",), POS, ""),
        "reviewed",
        "Upphandlarna höll ett leverantörsmöte där vi kunde ställa frågor. Det var första gången vi kände oss välkomna att lämna anbud.",
    ),
    DemoStory(
        "ovrigt",
        "web",
        "private",
        (("tillganglighet",), NEG, "process"),
        "reviewed",
        "Det är svårt att veta vem på kommunen man ska kontakta. Kontaktcenter skickade mig runt till tre olika förvaltningar.",
    ),
    DemoStory(
        "ovrigt",
        "web",
        "business",
        None,
        "new",
        "Näringslivsenheten ordnade en bra frukost där vi fick träffa politiker och tjänstemän. Fler sådana träffar!",
    ),
    DemoStory(
        "bygglov",
        "web",
        "business",
        None,
        "new",
        "Bygglovshandläggaren svarade snabbt på mina mejl och förklarade vad som saknades. Ett stort tack.",
    ),
    DemoStory(
        "ovrigt",
        "web",
        "business",
        None,
        "rejected",
        "Köp billiga solglasögon här!!! Besök vår webbutik nu för superrabatt på alla märken.",
    ),
)

MEETING_STORIES: tuple[DemoStory, ...] = (
    DemoStory(
        "bygglov",
        "meeting",
        "business",
        (("effektivitet",), NEG, "process"),
        "shared",
        "En byggföretagare berättade att tre projekt försenats i vår på grund av väntan på bygglov. Han efterfrågade en kontaktperson per projekt.",
    ),
    DemoStory(
        "livsmedel",
        "meeting",
        "business",
        (("bemotande",), POS, ""),
        "shared",
        "En caféägare lyfte att livsmedelskontrollen numera känns stödjande och att inspektörerna lyssnar på hennes förutsättningar.",
    ),
    DemoStory(
        "serveringstillstand",
        "meeting",
        "business",
        (("information",), NEG, "kommunikation"),
        "reviewed",
        "Flera krögare tyckte att informationen om vad som gäller för uteserveringar är spridd på för många ställen.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "meeting",
        "business",
        (("rattssakerhet", "bemotande"), MIX, "forhallningssatt"),
        "reviewed",
        "En verkstadsägare menade att tillsynen var rimlig i sak men att tonen i föreläggandet var onödigt hård.",
    ),
    DemoStory(
        "upphandling",
        "meeting",
        "business",
        (("tillganglighet",), NEG, "process"),
        "new",
        "Lokala leverantörer vill att kommunen annonserar direktupphandlingar öppet så att fler får chansen.",
    ),
    DemoStory(
        "ovrigt",
        "meeting",
        "business",
        (("kompetens",), POS, ""),
        "new",
        "Deltagarna uppskattade att förvaltningscheferna var med och svarade direkt på frågor.",
    ),
)

OTHER_STORIES: tuple[DemoStory, ...] = (
    DemoStory(
        "bygglov",
        "phone",
        "private",
        (("bemotande", "information"), NEG, "forhallningssatt"),
        "shared",
        "Personen ringde och berättade att handläggaren Ahmed Hassan avbröt henne hela tiden och inte förklarade vad ett förhandsbesked är.",
    ),
    DemoStory(
        "livsmedel",
        "email",
        "business",
        (("effektivitet",), POS, ""),
        "archived",
        "Vi fick vår registrering klar på fyra dagar. Smidigt och snabbt, tack.",
    ),
    DemoStory(
        "miljo_halsoskydd",
        "web",
        "private",
        None,
        "new",
        "Jag förstår inte beslutet om mitt enskilda avlopp. Vad betyder hög skyddsnivå för hälsoskydd och vad måste jag göra?",
    ),
    DemoStory(
        "markupplatelse",
        "phone",
        "business",
        None,
        "new",
        "Vi fick snabbt tillstånd för byggställningen utanför butiken. Handläggaren var tydlig med vad som gällde.",
    ),
    DemoStory(
        "bygglov",
        "web",
        "business",
        None,
        "new",
        "Mitt organisationsnummer är 556677-8899 och vi väntar fortfarande på besked om skylten. Ingen svarar i telefon.",
    ),
    DemoStory(
        "serveringstillstand",
        "web",
        "business",
        None,
        "new",
        "Beslutet om att dra in tillståndet kom utan att vi fick yttra oss först. Det känns inte rättssäkert.",
    ),
)
