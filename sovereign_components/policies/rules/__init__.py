"""Rule predicates grouped by concern. Pure: nothing here imports pulumi or pulumi_policy."""
