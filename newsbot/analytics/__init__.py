"""What analysts ask of the articles collection: the queries and exports (the ``stories`` view they read
is created with the schema, in ``newsbot.storage.stories``)."""
