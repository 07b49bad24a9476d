"""One regional stack of sovereign-events (``Pulumi.<stack>.yaml`` picks the region).

The config is validated before anything is created: a bad value stops the program with one
error naming its key (``sovereign:region``, ``sovereign:eventStore.backupMode``, ...).
"""

import pulumi

from regional_stack import build
from sovereign_components.stack_config.loader import load_stack_config

for key, value in build(load_stack_config()).items():
    pulumi.export(key, value)
