"""The source table, read by hand from ../shared/source (the 2019 appendix).

Written independently of data/samarbeid_2019.yaml, so that tests compare the
dataset with the source rather than with itself. One tuple per row, in source
order: (name, form cell as printed or None, members, host, partners, status,
starred sub-agreement). Members use G = Gausdal, L = Lillehammer, Ø = Øyer.
"""

ROWS = [
    # Regionråd og annet politisk samarbeid
    ("Regionråd", "Avtale", "GLØ", None, ["Oppland fylkeskommune"], "active", False),
    ("Felles kommunestyremøter", "Uformelt", "GLØ", None, [], "active", False),
    ("Felles formannskapsmøter", "Avtale", "GLØ", None, [], "active", False),
    ("Gudbrandsdalstinget", "Vedtak", "GLØ", None, [], "active", False),
    # Administrativt samarbeid
    ("Felles personvernombud", "§ 28 – 1B", "GLØ", "Lillehammer", ["Ringebu"], "active", False),
    ("Rådmannsutvalg", "Uformelt", "GLØ", None, [], "active", False),
    ("Digitaliseringsstyret", "Uformelt", "GLØ", None, [], "active", False),
    ("Valg-samarbeid", "Uformelt", "GLØ", None, [], "active", False),
    ("Borgerlig vigsel", "§ 28 – 1B", "GL", "Lillehammer", [], "active", False),
    (
        "Felles økonomienhet - regnskap, lønn, fakturering",
        "§ 28 – 1B",
        "GLØ",
        "Lillehammer",
        [],
        "active",
        False,
    ),
    (
        "Fellesenhet skatt, innfordring, arbeidsgiverkontroll",
        "§ 28 – 1B",
        "GLØ",
        "Øyer",
        ["Nord-Fron"],
        "active",
        False,
    ),
    ("Innlandet Revisjon IKS", None, "GLØ", None, [], "active", False),
    ("Kontrollutvalgssekretariat", "§27", "GLØ", None, ["Oppland fylkeskommune"], "active", False),
    ("Innkjøpssamarbeid", "Vedtak", "GLØ", None, [], "active", False),
    (
        "INNOFF Innkjøpssamarbeid, felles anbud",
        "§ 27",
        "GLØ",
        None,
        ["Oppland fylkeskommune"],
        "terminated",
        False,
    ),
    ("IKOMM AS", "AS", "GLØ", None, [], "active", False),
    ("Interkommunalt arkiv, IKA Opplandene", "§27", "GLØ", None, [], "active", False),
    # Tekniske tjenester
    ("Geodata-samarbeid", "§ 28 – 1B", "GLØ", "Lillehammer", [], "active", False),
    (
        "Eioff (eiendomsforvaltning/driftskontroll)",
        None,
        "GL",
        None,
        ["Oppland fylkeskommune"],
        "terminated",
        False,
    ),
    # Næringsutvikling
    (
        "Næringsenhet: Lillehammerregionen Vekst",
        "§ 28 – 1B",
        "GLØ",
        "Lillehammer",
        [],
        "active",
        False,
    ),
    ("Skåppå kunnskapspark AS", None, "??", None, [], "active", False),
    ("Østnorsk Filmsenter AS", None, "??", None, [], "active", False),
    ("Regional næringsplan", "Vedtak", "GLØ", None, [], "active", False),
    # Landbruk
    (
        "Felles landbrukskontor (jord- og skogbruk)",
        "§ 28 – 1B",
        "GLØ",
        "Gausdal",
        [],
        "active",
        False,
    ),
    ("Regional landbruksplan", "Vedtak", "GLØ", None, [], "active", False),
    # Reiseliv, natur og kultur
    ("Visit Lillehammer. AS", "AS", "GLØ", None, [], "active", False),
    ("Nasjonalparkkommunene – sekretariat", None, "G", None, [], "active", False),
    ("Snowball næringsklynge", "Vedtak", "GLØ", None, [], "active", False),
    ("Gudbrandsdalsmusea AS", "AS", "Ø", None, [], "active", False),
    # Brannvesen
    ("Felles brann- og feiertjeneste", "§ 27", "GLØ", "Lillehammer", [], "active", False),
    # Renovasjon
    ("Felles renovasjonsselskap: GLØR IKS", None, "GLØ", None, [], "active", False),
    # Energi
    ("Lillehammer og Gausdal Energiverk Holding AS – LGE", "AS", "GL", None, [], "active", False),
    # A single "AS", like Skåppå's and Østnorsk's: the name's, so the form cell is empty.
    ("Gudbrandsdal Energi (GE) AS", None, "Ø", None, [], "active", False),
    ("Eidsiva Energi AS", "AS", "Ø", None, [], "active", False),
    # Kompetanse, opplæring, oppvekst
    (
        "Voksenopplæring, enkeltpersoner – skriftlig avtale",
        "Vedtak",
        "GLØ",
        None,
        [],
        "active",
        False,
    ),
    ("OPUS karrieresenter", "Vedtak", "GLØ", None, [], "active", False),
    (
        "Karriereveiledning/YOU-koordinator",
        "Vedtak",
        "GLØ",
        None,
        ["Oppland fylkeskommune"],
        "active",
        False,
    ),
    ("Ledernettverk barnehage", "Uformelt", "GLØ", None, [], "active", False),
    ("Nettverk administrativ skoleeier", "Uformelt", "GLØ", None, [], "active", False),
    ("Idrett i skole", "§ 28 – 1B", "GL", "Lillehammer", [], "active", False),
    ("Interkommunal barnevernvakt", "§ 28 – 1B", "GLØ", "Ringsaker", [], "active", False),
    (
        "Kompetanse - utdanning og forskningsfond Oppland AS (KUF-fondet)",
        "AS",
        "GLØ",
        None,
        [],
        "active",
        False,
    ),
    ("Gudbrandsdal Industrier GIAX", None, "Ø", None, [], "active", False),
    # Helse og omsorg
    ("Samfunnsmedisin – kommuneoverlegene", "Uformelt", "GLØ", None, [], "active", False),
    (
        "Regionalt helsesamarbeid – overbygning med felles hovedavtale og 6 delavtaler",
        "Vedtak",
        "GLØ",
        None,
        ["Ringebu"],
        "active",
        False,
    ),
    ("Miljørettet helsevern", "§ 28 – 1B", "GLØ", "Ringebu", [], "active", True),
    ("Legevaktsamarbeid", "§ 28 – 1B", "GLØ", "Lillehammer", [], "active", True),
    ("Intermediære senger", "§ 28 – 1B", "GLØ", "Lillehammer", [], "active", True),
    ("Øyeblikkelighjelp-senger", "§ 28 – 1B", "", "Lillehammer", [], "active", True),
    ("Gerica elektronisk pasientjournal", "§ 28 – 1B", "GLØ", "Lillehammer", [], "active", True),
    ("Frisklivsentral", "§ 28 – 1B", "GLØ", "Gausdal", [], "active", True),
    ("Gudbrandsdal krisesenter IKS", "IKS", "GLØ", None, [], "active", False),
    (
        "SMISO – støttesenter mot incest og seksuelle overgrep i Oppland",
        "IKS",
        "??",
        None,
        [],
        "active",
        False,
    ),
    ("Felles 110 nødalarmeringssentral", "§28 – 1B", "GLØ", "Hamar", [], "active", False),
    # NAV
    ("Felles NAV-kontor", "§ 28 – 1B", "GL", "Lillehammer", [], "active", False),
    # Ungdom
    ("UFO: Aktiviteter og opplevelser for ungdom", "Vedtak", "GLØ", None, [], "active", False),
    ("UMK: Ungdommens kulturmønstring", "Vedtak", "GØ", None, [], "active", False),
]

# Named in the introduction, not in the table: a study starting January 2019.
INTRODUCTION = ("Felles barnevern", None, "GL", None, [], "planned", False)

# The headings, in source order, and how many rows stand under each.
CATEGORY_ROWS = [
    ("Regionråd og annet politisk samarbeid", 4),
    ("Administrativt samarbeid", 13),
    ("Tekniske tjenester", 2),
    ("Næringsutvikling", 4),
    ("Landbruk", 2),
    ("Reiseliv, natur og kultur", 4),
    ("Brannvesen", 1),
    ("Renovasjon", 1),
    ("Energi", 3),
    ("Kompetanse, opplæring, oppvekst", 9),
    ("Helse og omsorg", 11),
    ("NAV", 1),
    ("Ungdom", 2),
]

# The source prints § 28-1 b as "§ 28 – 1B" or "§28 – 1B", and § 27 as "§27".
SPELLING = {"§ 28 – 1B": "§ 28-1 b", "§28 – 1B": "§ 28-1 b", "§27": "§ 27"}
# Empty form cells whose name states the form.
FORM_IN_NAME = {
    "Innlandet Revisjon IKS": "IKS",
    "Skåppå kunnskapspark AS": "AS",
    "Østnorsk Filmsenter AS": "AS",
    "Gudbrandsdal Energi (GE) AS": "AS",
    "Felles renovasjonsselskap: GLØR IKS": "IKS",
}
CODES = {"G": "Gausdal", "L": "Lillehammer", "Ø": "Øyer"}
