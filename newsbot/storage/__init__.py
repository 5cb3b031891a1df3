"""MongoDB access: connection, embedded server, indexes and the batched article writer."""
