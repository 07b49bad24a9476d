"""Subscription-level diagnostic settings (the Activity Log) sent to a US event hub.

Attack: `monitor:SubscriptionDiagnosticSetting` is a different token from
`monitor:DiagnosticSetting` and has no `resourceUri`; its sink is an existing event hub
authorization rule in the US.

Class: services next to the platform
Issue: 12 services (subscription diagnostic settings)
Blame: activity-to-us
"""

from pulumi_azure_native import monitor

monitor.SubscriptionDiagnosticSetting(
    "activity-to-us",
    event_hub_authorization_rule_id="/subscriptions/5d1e0b7a-0000-4000-8000-0000000000aa/resourceGroups/rg-shared-eastus/providers/Microsoft.EventHub/namespaces/siem-eastus/authorizationRules/RootManageSharedAccessKey",
    event_hub_name="activity",
    logs=[monitor.SubscriptionLogSettingsArgs(category="Administrative", enabled=True),
          monitor.SubscriptionLogSettingsArgs(category="Security", enabled=True)],
)
