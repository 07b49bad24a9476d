"""`command:remote:Command` copying the event archive to a host in the US over SSH.

Attack: a remote command runs on a machine outside Azure entirely; nothing about it is
placeable. Never allowed by default.

Class: other providers
Issue: 12 other providers
Blame: sync
Mentions: command:remote:Command
"""

import pulumi

pulumi.CustomResource(
    "command:remote:Command",
    "sync",
    {
        "connection": {"host": "203.0.113.10", "user": "ops"},
        "create": "azcopy copy 'https://archiveweu.blob.core.windows.net/events/*' /srv/events --recursive",
    },
)
