"""Fill empty Swedish msgstr entries of locale/sv from a Python dict file (a maintainer's aid).

Usage: python scripts/po_fill.py TRANSLATIONS.py [CATALOGUE.po]
(the file defines SV = {msgid: msgstr}; the catalogue defaults to locale/sv/LC_MESSAGES/django.po)
English needs no catalogue entries: its msgids are English already.
"""

import runpy
import sys

import polib

translations = runpy.run_path(sys.argv[1])["SV"]
catalogue = polib.pofile(sys.argv[2] if len(sys.argv) > 2 else "locale/sv/LC_MESSAGES/django.po")
filled = 0
for entry in catalogue:
    if entry.msgid in translations and not entry.msgstr:
        entry.msgstr = translations[entry.msgid]
        filled += 1
    if "fuzzy" in entry.flags and entry.msgid in translations:
        entry.msgstr = translations[entry.msgid]
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        filled += 1
catalogue.metadata_is_fuzzy = False
catalogue.metadata["Language"] = "sv"
catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
catalogue.save()
missing = [entry.msgid for entry in catalogue if not entry.msgstr and not entry.obsolete]
print(f"filled {filled}, still untranslated {len(missing)}")
for msgid in missing:
    print("  MISSING:", msgid)
