"""Alerting with the inherently global types: an action group (e-mail), a metric alert and an
Activity Log alert (both `global`), next to a private namespace they watch.

`location: global` is the documented location of these types (Microsoft Learn, "Resource
Manager template samples for action groups / log alert rules").

Style: monitoring add-on (global alert types)
"""

from pulumi_azure_native import monitor, resources, servicebus

rg = resources.ResourceGroup("ops", location="westeurope")
ns = servicebus.Namespace(
    "bus", resource_group_name=rg.name, location="westeurope",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
group = monitor.ActionGroup(
    "oncall", resource_group_name=rg.name, location="Global", group_short_name="oncall", enabled=True,
    email_receivers=[monitor.MicrosoftCommonEmailReceiverArgs(
        name="ops", email_address="ops@contoso.example", use_common_alert_schema=True)])
monitor.MetricAlert(
    "dead-letters",
    resource_group_name=rg.name,
    location="global",
    enabled=True,
    severity=2,
    scopes=[ns.id],
    evaluation_frequency="PT1M",
    window_size="PT5M",
    criteria=monitor.MetricAlertSingleResourceMultipleMetricCriteriaArgs(
        odata_type="Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
        all_of=[monitor.MetricCriteriaArgs(
            name="dlq", metric_name="DeadletteredMessages", operator="GreaterThan", threshold=0,
            time_aggregation="Maximum", criterion_type="StaticThresholdCriterion")]),
    actions=[monitor.MetricAlertActionArgs(action_group_id=group.id)],
)
monitor.ActivityLogAlert(
    "namespace-deleted",
    resource_group_name=rg.name,
    location="global",
    enabled=True,
    scopes=[rg.id],
    condition=monitor.AlertRuleAllOfConditionArgs(all_of=[
        monitor.AlertRuleAnyOfOrLeafConditionArgs(field="category", equals="Administrative"),
        monitor.AlertRuleAnyOfOrLeafConditionArgs(field="operationName",
                                                  equals="Microsoft.ServiceBus/namespaces/delete"),
    ]),
    actions=monitor.ActionListArgs(action_groups=[monitor.ActionGroupArgs(action_group_id=group.id)]),
)
