"""A topic with subscriptions filtered by SQL rules, the classic pub/sub sample.

Style: pulumi/examples-style service sample (Service Bus topics and rules)
"""

from pulumi_azure_native import resources, servicebus

rg = resources.ResourceGroup("pubsub", location="swedencentral")
ns = servicebus.Namespace(
    "pubsub", resource_group_name=rg.name, location="swedencentral",
    sku=servicebus.SBSkuArgs(name="Premium", tier="Premium", capacity=1),
    public_network_access="Disabled", disable_local_auth=True, minimum_tls_version="1.2")
topic = servicebus.Topic("orders", resource_group_name=rg.name, namespace_name=ns.name,
                         enable_partitioning=False, requires_duplicate_detection=True)
for region in ("north", "south"):
    sub = servicebus.Subscription(f"orders-{region}", resource_group_name=rg.name, namespace_name=ns.name,
                                  topic_name=topic.name, max_delivery_count=10)
    servicebus.Rule(f"orders-{region}-rule", resource_group_name=rg.name, namespace_name=ns.name,
                    topic_name=topic.name, subscription_name=sub.name, filter_type="SqlFilter",
                    sql_filter=servicebus.SqlFilterArgs(sql_expression=f"region = '{region}'"))
