"""Account changes, one module per concern: `accounts` (sign-up, profile,
password), `sessions` (sign-in and tokens) and `follows`."""
