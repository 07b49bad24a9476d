"""Event data copied to an AWS S3 bucket in us-east-1.

Attack: nothing in an Azure pack looks at `aws:s3/bucket:Bucket`; the bucket is outside any
Azure region and outside the EU. Other providers are blocked unless the operator allow-lists
them.

Class: other providers
Issue: 12 other providers
Blame: archive
Mentions: aws:s3/bucket:Bucket
"""

import pulumi

pulumi.CustomResource("pulumi:providers:aws", "use1", {"region": "us-east-1"})
pulumi.CustomResource("aws:s3/bucket:Bucket", "archive", {"acl": "public-read", "forceDestroy": True})
