"""How editors cite a study in Markdown, in one place: `[@key]` or `[@key1; @key2]` (rendered as numbered
superscripts by therapies.citations); search snippets drop these and anything else written like one."""

from __future__ import annotations

import re

# A citation the pages number: [@key] or [@one; @two]; the group holds the "@key; @key" list.
CITATION = re.compile(r"\[(@[\w-]+(?:\s*;\s*@[\w-]+)*)\]")
# Everything a snippet leaves out: the citations above, ones with a locator ([@key, p. 3]), and one cut in two by
# the snippet's edge ([@key without its bracket).
CITATION_LIKE = re.compile(r"\[[^\]\n]*@[^\]\n]*\]|\[@[^\]\s]*")
