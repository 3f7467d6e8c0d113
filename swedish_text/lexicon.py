"""Cue words: prior knowledge written from the label definitions, not from any story.

Each cue group becomes one feature of the classifier (``x:<group>``) counting the words of
a text that match the group; the linear model learns how much each group counts. The cues
make the model generalise from a small corpus: a story about "brandskyddskontrollen" finds
the fire-safety cue even if the corpus never used that word.

Entries are folded (å/ä/ö → a/o) Swedish or English lemmas. A trailing ``*`` matches every
word that starts with the entry; an entry without it matches a word whose lemma, or one of
whose compound parts, equals the entry.
"""

from __future__ import annotations

from swedish_text.normalize import fold

__all__ = ["CUES", "NEGATIONS", "STOPWORDS"]

_AREA_CUES: dict[str, str] = {
    "bygglov": """
        bygglov* bygglovs* forhandsbesked* marklov* rivningslov* startbesked* slutbesked*
        kontrollplan* kontrollansvarig* samrad byggnadsnamnd* byggnadsinspekt* bygganmal*
        ritning* tillbyggnad* nybyggnad* ombyggnad* attefall* altan* carport* plank fasad*
        detaljplan* skyltlov* friggebod* takkupa* uterum* balkong* garage* villa radhus*
        fritidshus* byggherre* lovavgift* planbesked* bygglovsavgift* bygglovshandlaggare*
        bygglovsenhet* stadsbyggnad* mur staket* inglasning* inglas* bostadshus* flerbostadshus*
        bygglovsfri* byggsanktion* sanktionsavgift* building* extension* planning*
        construction* architect* arkitekt*
    """,
    "miljo_halsoskydd": """
        miljo miljofarlig* halsoskydd* avlopp* miljoinspekt* miljoforvaltning* miljokontor*
        miljoenhet* miljonamnd* miljotillsyn* miljoprovning* miljo* buller* bullr*
        ventilation* tatuer* piercing* bassang* pool* simhall* strandskydd* oljeavskilj*
        fororen* kemikalie* avfall* slam* slamtomning* varmepump* lukt* fukt* mogel* radon*
        djurhall* koldmedi* infiltration* trekammarbrunn* reningsverk* verkstad* skonhet*
        frisor* solarium* egenkontroll* utslapp* damm* vibration* inomhusmiljo* environmental*
        environment* sewage* septic* noise* wastewater* pollution* tattoo*
    """,
    "livsmedel": """
        livsmedel* livsmedelsinspekt* livsmedelskontroll* livsmedelsanlaggning* hygien*
        allergen* markning* temperatur* kyl* frys* haccp kontrollavgift* dricksvatten*
        matforgiftning* salmonella bageri* kok foodtruck* food* kitchen* restaurang* pizzeri*
        cafe* kafe*  grillkiosk* kiosk* catering* hembak* matsal* skolkok*
        spårbarhet* sparbarhet* rengoring* skadedjur* rattor*  kottfars* kyckling*
    """,
    "brandtillsyn": """
        brand* raddningstjanst* explosiv* brandfarlig* sotning* sotare* skorsten* utrymning*
        fyrverk* pyroteknik* gasol* sprinkler* brandvarnare* brandlarm* branddorr*
        brandskydd* brandinspekt* brandsyn* eldstad* brandtillsyn* fire* firework* rescue*
        evacuation* flammable* sprinkler*
    """,
    "serveringstillstand": """
        serveringstillst* serveringstid* alkohol* kunskapsprov* krog* krogare* pub bar
        nattklubb* ordningsvakt* berusad* onykter* sprit* vin ol starkol* folkol* tillfallig*
        alcohol* liquor* licence* license* nightclub* bartender* drunk*
    """,
    "markupplatelse": """
        markupplat* uteservering* torghandel* torgplats* torg* gatukontor* trottoar*
        byggstallning* container* gatupratare* pratare* skylt* evenemang* marknad* loppis*
        loppmarknad* polistillstand* polis* kran kranbil* gata* gatu* allmanplats*  park
        festival* konsert*  trafikkontor* outdoor* street* sidewalk* pavement* square*
        market* scaffold* event*
    """,
    "ovrigt": """
        upphandl* naringslivskontor* naringsliv* foretagslots* lots* kontaktcenter*
        politiker* kommunalrad* kommunstyrels* parkering* parkerings* vag vagar vaghall* gatubelysning*
        felanmal* snorojning* buss* anbud* leverantor* etablering* lokal* kommunfullmakt*
        oppositionsrad*  tomtko* exploatering* forsaljning* procurement* tender*
        parking* road* councillor* politician* supplier*  contact*
    """,
}

_FACTOR_CUES: dict[str, str] = {
    "information": """
        information* informera* tydlig* otydlig* oklar* forsta forstod begrip* obegrip*
        svarbegrip* webbplats* hemsida* webb* webbsida* sida brev* sprak* forklar*
        instruktion* checklista* blankett* vagledning* broschyr* meddela* meddelande*
        framga* kranglig* byrakratisk* handling* motivering* lista* anvisning* oinformerad*
        website* web* information* inform* unclear* clear* explain* understand* letter*
        instruction* guidance*
    """,
    "tillganglighet": """
        telefon* telefontid* ringa* ring* ringt* svara svar svarade* na nadde fa_tag tag
        mejl* mail* epost* rostbrevlad* oppettid* hanvis* bollad* bolla* koppla* kopplad*
        etjanst* tjanst* inloggning* bankid tillganglig* otillganglig* kontakt* aterkoppl*
        nabar* ateringa* upptag* sjukskriv* semester* reception* reach* phone* call* email*
        e_mail answer* respond* transferr* transfer* opening* unanswered* voicemail* online*

    """,
    "bemotande": """
        bemot* trevlig* otrevlig* vanlig* ovanlig* respekt* respektlos* nedlatande* arrogant*
        hjalpsam* tillmotesgaende* lyssna* forstaelse* forstaende* attityd* oforskamd* sur
        krank* tjurig* valkomn* engager* empati* bryska* brysk* hotfull* misstank* otrevlig*
        ovanlig* hanfull* hanande* tonlage* ton bemotande* polite* friendly* unfriendly* rude*
        respect* disrespect* attitude* arrogant* condescending* helpful* kind* welcom*
        listen* patronis* patroniz*
    """,
    "kompetens": """
        kunnig* okunnig* kompeten* inkompeten* kunskap* felaktig* rad radgivning* rada*
        motsag* olika_besked erfaren* oerfaren* expert* sakkunnig* kolleg* insatt* kannedom*
        kunde_regler kunna_regler fel_besked  pedagogisk* proffsig* professionell*
        knowledge* knowledgeable competent* incompetent* advice* contradict* experienc*
        expert* professional* colleague*
    """,
    "rattssakerhet": """
        rattssaker* orattvis* rattvis* godtycklig* likabehandl* likvardig* lika overklag*
        laglig* olaglig* lagstod lag lagrum* konkurrent* diskriminer* partisk* jav* jävig*
        forutsagbar* oforutsagbar* sarbehandl* bestamd* regel* regelverk* krav* kraver*
        proportion* befogad* obefogad* rattighet* forelaggande* vite* sanktion*
         unfair* fair* appeal* arbitrar* equal* discriminat* lawful* legal* rule*
        competitor*
    """,
    "effektivitet": """
        handlaggningstid* snabb* snabbt langsam* dröj* droj* forsen* vanta* vantetid* vantan
        manad* vecka* ko komplettering* kompletter* avgift* faktura* kostnad* dyr* pris*
        timavgift* effektiv* ineffektiv* smidig* fort direkt tid tidsfrist* dag*  ligga
        handlaggning* handlagg* forlor* slow* fast quick* delay* wait* week* month* fee*
        expensive* cost* invoice* time* day* year* efficien*
    """,
}

_SENTIMENT_CUES: dict[str, str] = {
    "positive": """
        bra toppen tack tacka smidig* nojd* trevlig* vanlig* hjalpsam* imponer* utmark*
        fantastisk* jattebra proffsig* positiv* glad* uppskatt* berom* latt enkel tydlig*
        kunnig* bast fin finfin snabb* effektiv* valkomn* engager* tillmotesgaende* superb*
        underbar* perfekt* klockren* beundr* rekommender* ros great good excellent thank*
        helpful* friendly* quick* appreciat* pleased* smooth* easy clear*  kind*
        professional* impress* wonderful* perfect*
    """,
    "negative": """
        dalig* orimlig* frustrer* irriter* uppror* besvik* arg oacceptabel* katastrof*
        skandal* orattvis* nedlatande* otrevlig* langsam* problem*  kranglig* fel brist*
        klag* kritik* forlor* stress* oklar* otydlig* godtycklig* konstig* respektlos*
        tyvarr ovanlig* oforskamd* arrogant* kaos* kaotisk* obegrip* ingen inget inga
        aldrig dyr* orattvisa* missnojd* ledsen* oroad* oro* hopplos* absurd* valdigt_dalig
        hotfull* krank* varre sarr sämst samst terrible* bad awful* unfair* disappoint*
        frustrat* rude* slow* never nobody unacceptable* poor* complain* problem* upset*
        angry* ridiculous* worst* worse* arbitrar* confus*
    """,
    "contrast": """
        men dock samtidigt trots daremot annars aven_om visserligen fast but however
        although though while yet still
    """,
    "question": """
        undra fraga hur vilken vilka vad varfor behova galla  nar  wonder question
        how which what why whether need
    """,
    "suggestion": """
        foresla forslag onska onskemal tips ide borde skulle_vilja suggest* propos* wish*
        idea* should
    """,
}


def _parse(groups: dict[str, str], prefix: str) -> dict[str, tuple[str, ...]]:
    parsed: dict[str, tuple[str, ...]] = {}
    for name, words in groups.items():
        entries = sorted(
            {fold(word) for word in words.split() if "_" not in word and "?" not in word}
        )
        parsed[f"{prefix}:{name}"] = tuple(entries)
    return parsed


#: Cue groups by feature name (``area:bygglov``, ``factor:information``, ``sent:positive`` …).
CUES: dict[str, tuple[str, ...]] = {
    **_parse(_AREA_CUES, "area"),
    **_parse(_FACTOR_CUES, "factor"),
    **_parse(_SENTIMENT_CUES, "sent"),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that open a negation scope (folded).
NEGATIONS = _words(
    "inte ej aldrig ingen inget inga knappast icke varken not no never nobody nothing none "
    "neither nor without hardly"
)

#: Frequent function words that carry no topic (folded); they get no word feature of their own
#: but still count for language detection, negation and bigrams.
STOPWORDS = _words(
    """
    och att det som en ett ar pa med har jag vi av till den de om var men sa kan hade nar
    fran vara ska eller efter under dem han hon oss vart sin sitt sina min mitt mina din ditt
    er ert era deras hans hennes dess i in ut upp for nu da dar har har hos mot vid utan
    ocksa bara nagon nagot nagra alla allt mycket mer mest sjalv sjalva denna detta dessa
    sedan redan skulle kunde ville blev bli blir fick fa far ha hade haft gor gora gjorde
    the a an and or of to in on at for with from by is are was were be been being have has
    had do does did this that these those it its we our us you your they their them he she
    his her i me my as so than then there here
    """
)
