"""REST shapes of the activity app, one module per concern: ``common`` (fields and filters every list shares),
``records`` (the activity records and evidence), ``petitions`` (voter petitions and answering agencies),
``statistics`` (figures built from ``STATISTICS``) and ``emulation`` (score sheets). Output serializers shape
the answers; input serializers only parse requests (the services validate and decide)."""
