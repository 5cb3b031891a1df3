"""What analysts ask of the articles collection: the queries, the stories view and exports."""
