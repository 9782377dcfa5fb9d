"""People in the API: the User type and the user queries, accounts (sign-up, sign-in,
sessions, profile, password, e-mail, deletion, provider sign-in) and following."""
