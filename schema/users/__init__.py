"""Users in the API: the User type, the user queries and following."""
