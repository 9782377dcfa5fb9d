"""Account changes, one module per concern: `accounts` (sign-up, profile, password),
`sessions` (sign-in and tokens), `follows`, `credentials` (every check of a password,
throttled alike), `deletion` (an account with everything of it), `email_confirmation`,
`password_reset`, `social` (sign-in with a provider) and `staff` (what staff change in
the admin)."""
