"""servicebus.list_queue_keys feeds a tag; an eastus group follows.

Why: invokes (SDK-shaped)
Expect: violation
Blame: rg-us
"""

from pulumi_azure_native import resources, servicebus

keys = servicebus.list_queue_keys_output(authorization_rule_name="send", namespace_name="bus",
                                         queue_name="orders", resource_group_name="rg-bus")
resources.ResourceGroup("rg-us", location="eastus", tags={"hint": keys.key_name})
