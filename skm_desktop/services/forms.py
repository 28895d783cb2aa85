"""Default unsur sets and questionnaire templates from the top-level ``forms/`` folder."""

from __future__ import annotations

import json
from functools import cache

from skm_desktop.domain.unsur import UnsurSet, unsur_set_from_dict
from skm_desktop.paths import forms_dir


@cache
def standard_unsur_set() -> UnsurSet:
    with open(forms_dir() / "unsur-standar.json", encoding="utf-8") as fh:
        return unsur_set_from_dict(json.load(fh))
