"""Keys compared as .NET's ordinal ignore-case compares them, and the case-insensitive
``FoldedDict`` the virtual resources' props are made of."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from sovereign_components.policies.arm_template.keys import ABSENT, AmbiguousKey, FoldedDict, fold, get_ci


def test_fold_follows_simple_upper_case() -> None:
    assert fold("publicNetworkAccess") == fold("PUBLICNETWORKACCESS")
    assert fold("propertıes") == fold("properties")  # dotless i upper-cases to I
    assert fold("ſku") == fold("sku")  # long s upper-cases to S
    assert fold("\u212aind") != fold("kind")  # the Kelvin sign is already upper case
    assert fold("straße") != fold("strasse")  # no multi-character mappings


def test_get_ci() -> None:
    assert get_ci({"Properties": 1}, "properties") == 1
    assert get_ci({"x": 1}, "properties") is ABSENT
    with pytest.raises(AmbiguousKey):
        get_ci({"Properties": 1, "properties": 2}, "properties")


def test_folded_dict_reads_like_arm_and_stays_a_dict() -> None:
    d = FoldedDict([("PublicNetworkAccess", "Enabled"), ("n", 1)])
    assert d["publicNetworkAccess"] == "Enabled" and "PUBLICNETWORKACCESS" in d
    assert d.get("publicnetworkaccess") == "Enabled" and d.get("missing", 0) == 0
    assert list(d) == ["PublicNetworkAccess", "n"] and d == {"PublicNetworkAccess": "Enabled", "n": 1}
    with pytest.raises(KeyError):
        d["missing"]
    assert json.loads(json.dumps(d)) == d
    for clone in (copy.deepcopy(d), pickle.loads(pickle.dumps(d))):
        assert clone["publicnetworkaccess"] == "Enabled"
    with pytest.raises(AmbiguousKey):
        FoldedDict([("a", 1), ("A", 2)])
    with pytest.raises(AmbiguousKey):
        d["publicnetworkaccess"] = "Disabled"
