"""A metric-alert action group whose webhook receiver posts alert payloads to an outside URL.

Attack: `monitor:ActionGroup` is `Global` (not a location problem); its `webhook_receivers`
send the alert context (resource ids, dimension values, sometimes message content) to a host
nobody allow-listed.

Class: services next to the platform
Issue: 12 services (action group webhooks)
Blame: oncall
Mentions: alerts.pager-us.example.com
"""

from pulumi_azure_native import monitor

monitor.ActionGroup(
    "oncall",
    resource_group_name="rg-monitor",
    location="Global",
    group_short_name="oncall",
    enabled=True,
    email_receivers=[monitor.MicrosoftCommonEmailReceiverArgs(name="ops", email_address="ops@contoso.example")],
    webhook_receivers=[monitor.WebhookReceiverArgs(
        name="pager", service_uri="https://alerts.pager-us.example.com/hook", use_common_alert_schema=True)],
)
